import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin POSIX file access with errors that name the file: transfers need explicit `fsync`,
/// exclusive creation and `rename`, which FileHandle does not all offer.
struct LocalFile {
    let path: String
    let descriptor: Int32

    static func openForReading(_ path: String) throws -> LocalFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        return LocalFile(path: path, descriptor: fd)
    }

    /// Fails if `path` exists: a leftover temporary file is never written into.
    static func createExclusive(_ path: String, mode: mode_t = 0o640) throws -> LocalFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("create", path) }
        return LocalFile(path: path, descriptor: fd)
    }

    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.failure("stat", path) }
        return UInt64(info.st_size)
    }

    /// Up to `buffer.count` bytes; 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw Self.failure("read", path) }
        }
    }

    func writeAll(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write", path)
            }
            offset += n
        }
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync", path) }
    }

    func close() { _ = Glibc.close(descriptor) }

    static func rename(_ source: String, to target: String) throws {
        guard Glibc.rename(source, target) == 0 else { throw failure("rename to \(target)", source) }
    }

    /// Makes a rename or creation in the folder durable.
    static func syncDirectory(containing path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open folder", directory) }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync folder", directory) }
    }

    static func remove(_ path: String) { _ = unlink(path) }

    private static func failure(_ operation: String, _ path: String) -> TransportError {
        .localFileFailure(operation: operation, path: path, detail: String(cString: strerror(errno)))
    }
}
