#if canImport(Glibc)
import Glibc
#endif

/// The fuzzer's input as a file the readers open by path, as they open an export in the spool.
///
/// One temporary file per process, unlinked as soon as it is made and named through `/proc/self/fd`:
/// each input overwrites it, and nothing is left behind however the run ends.
public final class InputFile: Sendable {
    /// The one file of this process.
    public static let shared = InputFile()

    public let path: String
    private let descriptor: Int32

    private init() {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(folder)/fladaemon-fuzz-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fatal("cannot make a temporary file in \(folder): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
        path = "/proc/self/fd/\(fd)"
    }

    /// Replaces the file's content with these bytes.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let size = bytes.count
        guard ftruncate(descriptor, 0) == 0 else { fatal("ftruncate: \(String(cString: strerror(errno)))") }
        var written = 0
        while written < size {
            let count = pwrite(descriptor, bytes.baseAddress! + written, size - written, off_t(written))
            if count < 0 {
                if errno == EINTR { continue }
                fatal("write: \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }
}

/// The input written to `InputFile.shared`: its path, and how many lines the readers may name.
public func inputFile(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> (path: String, lines: Int) {
    let data = bytes(raw, size)
    InputFile.shared.write(data)
    return (InputFile.shared.path, lineCount(data))
}
