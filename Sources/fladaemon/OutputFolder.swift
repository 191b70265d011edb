import Foundation

/// The `--out` folder of `convert`: refused plainly when a file stands where it or one of its parents
/// should be, before anything is read or recorded; made when missing.
struct OutputFolder {
    let path: String

    init(_ path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static let advice = "name a folder (it is created if missing)"

    /// Printed as it is, without the usage text: the command was written right, the path is wrong.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A file at the path, or at the nearest existing parent, cannot become a folder.
    func check() throws {
        var existing = path
        while !FileManager.default.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return }
            existing = parent
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), !isFolder.boolValue else { return }
        if existing == path { throw Refusal("--out \(path): is a file, not a folder; \(Self.advice)") }
        throw Refusal("--out \(path): \(existing) is a file, so no folder can be made in it; \(Self.advice)")
    }

    func make() throws {
        try check()
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Foundation's own text is an NSError dump; the POSIX reason under it is what a person needs.
            let underlying = (error as? CocoaError)?.underlying.map { $0 as NSError }
            let reason = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
                ?? error.localizedDescription
            throw Refusal("--out \(path): the folder cannot be made (\(reason)); \(Self.advice)")
        }
    }
}
