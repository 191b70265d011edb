import Foundation

/// A small tmpfs mounted for one test (needs root and a container that allows mounts), so a test can
/// fill a real file system or make it read-only.
public final class TmpfsMount: Sendable {
    public let path: String

    /// Whether this machine lets the tests mount a tmpfs; checked once.
    public static let isAvailable: Bool = {
        guard getuid() == 0, let probe = try? TemporaryDirectory("fladaemon-mount-probe") else { return false }
        guard (try? Command.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]))?.succeeded == true else {
            return false
        }
        _ = try? Command.run("umount", [probe.path])
        return true
    }()

    public init(at path: String, size: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Command.check("mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0750", "tmpfs", path])
    }

    public func remount(readOnly: Bool) throws {
        try Command.check("mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path])
    }

    /// Writes zeros into `name` until the file system is full.
    public func fill(_ name: String) throws {
        let result = try Command.run("dd", ["if=/dev/zero", "of=\(path)/\(name)", "bs=4k"])
        guard result.stderr.contains("No space left") else { throw CommandError.failed("dd", result) }
    }

    /// Gives back the room `fill(name)` took.
    public func free(_ name: String) throws {
        try FileManager.default.removeItem(atPath: "\(path)/\(name)")
    }

    /// Lazy unmount: the test's own handles may still be closing. Harmless a second time.
    public func unmount() {
        _ = try? Command.run("umount", ["-l", path])
    }

    deinit { unmount() }
}
