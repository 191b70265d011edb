#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks through a plain file descriptor: no Foundation `Data` per chunk,
/// and the memory used is the one buffer whatever the size of the file.
final class FileByteReader {
    let path: String
    private let descriptor: Int32
    private(set) var isAtEnd = false
    /// The most bytes one read returns. Unbounded but for tests and fuzzing, which make every buffer
    /// boundary fall inside fields, line ends and UTF-8 sequences, as a slow disk or a pipe could.
    private let readSize: Int

    init(path: String, readSize: Int = .max) throws(CSVInputError.Kind) {
        precondition(readSize > 0, "a read of no byte")
        self.path = path
        self.readSize = readSize
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotOpen(reason: "is a directory")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Fills up to `capacity` bytes at `buffer`; returns 0 only at the end of the file.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(CSVInputError.Kind) -> Int {
        guard !isAtEnd, capacity > 0 else { return 0 }
        while true {
            let count = systemRead(descriptor, buffer, min(capacity, readSize))
            if count > 0 { return count }
            if count == 0 { isAtEnd = true; return 0 }
            if errno == EINTR { continue }
            throw .readFailed(reason: String(cString: strerror(errno)))
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
