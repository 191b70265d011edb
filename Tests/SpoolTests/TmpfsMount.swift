import Foundation
import TestSupport

/// A small tmpfs mounted for one test (needs root and a container that allows mounts), so a test can
/// fill a real file system or make it read-only.
final class TmpfsMount {
    let path: String

    /// Whether this machine lets the tests mount a tmpfs; checked once.
    static let isAvailable: Bool = {
        guard getuid() == 0, let probe = try? TemporaryDirectory("fladaemon-mount-probe") else { return false }
        guard (try? Command.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]))?.succeeded == true else {
            return false
        }
        _ = try? Command.run("umount", [probe.path])
        return true
    }()

    init(at path: String, size: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Command.check("mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0750", "tmpfs", path])
    }

    func remount(readOnly: Bool) throws {
        try Command.check("mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path])
    }

    /// Writes zeros into `name` until the file system is full.
    func fill(_ name: String) throws {
        let result = try Command.run("dd", ["if=/dev/zero", "of=\(path)/\(name)", "bs=4k"])
        guard result.stderr.contains("No space left") else { throw CommandError.failed("dd", result) }
    }

    deinit {
        // Lazy unmount: the test's own handles may still be closing.
        _ = try? Command.run("umount", ["-l", path])
    }
}
