import BatchFormat
import Glibc

/// The file-system primitives intake relies on: a rename that never replaces an existing file, a
/// directory fsync that makes a rename survive a power cut, and path pieces.
enum FileMove {
    /// BatchFormat's rename that never replaces, as an `errno` value (0 when done), which is what
    /// intake's pause-or-fail decisions are made on.
    static func renameWithoutReplacing(_ source: String, to target: String) -> Int32 {
        do throws(FileSystemError) {
            try AtomicFileWriter.renameWithoutReplacing(source, to: target)
            return 0
        } catch {
            return error.code
        }
    }

    /// Returns 0 or the `errno` value.
    @discardableResult
    static func syncDirectory(_ directory: String) -> Int32 {
        do throws(FileSystemError) {
            try AtomicFileWriter.syncDirectory(directory)
            return 0
        } catch {
            return error.code
        }
    }

    /// The last path component.
    static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Everything before the last path component ("." when there is none).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
