import BatchFormat
import Foundation
import Glibc

/// The folders under the spool root and where each kind of file goes. See README.md in this folder
/// for the operator's view.
public struct SpoolLayout: Sendable, Hashable {
    /// Folders are made readable by the daemon's group (payroll operators), never by everyone.
    public static let folderPermissions: mode_t = 0o750

    public let root: String

    public init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// Where exporters drop files (written in place, or better: written elsewhere and renamed in).
    public var incoming: String { root + "/incoming" }
    /// Files intake has claimed and the journal knows; nobody but the daemon writes here.
    public var work: String { root + "/work" }
    /// One folder per export: the original and each submission's FI/FS/GO.
    public var archive: String { root + "/archive" }
    /// The platform's answers as downloaded (FO, its FS, an unpacked CO), kept whatever they answer.
    public var answers: String { archive + "/answers" }
    /// Where a conversion writes its FI parts before they are named (`export-<id>/` each).
    public var staging: String { work + "/staging" }
    /// Where a conversion writes its report before it is published in `reports/`.
    public var reportsInProgress: String { work + "/reports" }
    /// Inputs set aside, each with a `<name>.reason` text file beside it.
    public var failed: String { root + "/failed" }
    /// What the payroll team reads.
    public var reports: String { root + "/reports" }

    public var folders: [String] { [root, incoming, work, archive, failed, reports] }

    /// Creates the missing folders (mode 0750); folders already there are left as the operator set them.
    public func create() throws(SpoolError) {
        for folder in folders {
            try Self.createFolder(folder)
        }
    }

    /// `archive/<exportID>/`.
    public func archiveFolder(exportID: Int64) -> String {
        "\(archive)/\(exportID)"
    }

    /// `archive/<exportID>/<GO name>/`: one submission's FI, FS and GO.
    public func submissionFolder(exportID: Int64, goName: String) -> String {
        "\(archiveFolder(exportID: exportID))/\(Self.safeName(goName))"
    }

    /// `reports/<exportID>-<GO name>.records.csv`: one finished submission, record by record.
    public func recordReportPath(exportID: Int64, goName: String) -> String {
        "\(reports)/\(exportID)-\(Self.safeName(goName)).records.csv"
    }

    /// `reports/<exportID>-<source name>.txt`.
    public func reportPath(exportID: Int64, sourceName: String) -> String {
        let prefix = "\(exportID)-"
        let suffix = ".txt"
        let name = NameLength.fit(Self.safeName(sourceName), reserving: prefix.utf8.count + suffix.utf8.count)
        return "\(reports)/\(prefix)\(name)\(suffix)"
    }

    /// Moves `file` into `failed/` under its own name (or `<stem>-2.<ext>`, ... when taken) and writes
    /// `<that name>.reason` beside it. Never overwrites anything. Returns the file's new path.
    @discardableResult
    public func quarantine(file: String, reason: String) throws(SpoolError) -> String {
        try Self.createFolder(failed)
        let name = FileMove.baseName(file)
        for attempt in 1...Self.maximumNameAttempts {
            let candidate = Self.candidate(name, attempt: attempt)
            let target = "\(failed)/\(candidate)"
            // The reason file goes first and reserves the name: a crash in between leaves a reason
            // without a file (harmless), never a file nobody can explain.
            guard try Self.writeReason(reason, originalName: name, to: target + ".reason") else { continue }
            let moved = FileMove.renameWithoutReplacing(file, to: target)
            if moved == 0 {
                FileMove.syncDirectory(failed)
                FileMove.syncDirectory(FileMove.folder(of: file))
                return target
            }
            unlink(target + ".reason")
            if moved != EEXIST { throw SpoolError(.move, path: file, destination: target, code: moved) }
        }
        throw SpoolError(.move, path: file, destination: failed, code: EEXIST)
    }

    static let maximumNameAttempts = 1000

    /// `name` for the first attempt, then `stem-2.ext`, `stem-3.ext`, ... within NAME_MAX with room for
    /// `.reason`.
    static func candidate(_ name: String, attempt: Int) -> String {
        let reserve = ".reason".utf8.count
        guard attempt > 1 else { return NameLength.fit(name, reserving: reserve) }
        let counter = "-\(attempt)"
        var stem = name
        var ext = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(name[..<dot])
            ext = String(name[dot...])
        }
        return NameLength.fit(stem, reserving: reserve + counter.utf8.count + ext.utf8.count) + counter + ext
    }

    /// Writes the reason file without replacing one; false when the name is already taken.
    private static func writeReason(_ reason: String, originalName: String, to path: String) throws(SpoolError) -> Bool {
        let text = reason.hasSuffix("\n") ? reason : reason + "\n"
        let body = "\(text)file: \(originalName)\nset aside: \(Date().formatted(.iso8601))\n"
        do {
            let writer = try AtomicFileWriter(path: path, permissions: 0o640)
            try writer.write(body)
            try writer.commit()
            return true
        } catch {
            if error.isAlreadyExists { return false }
            throw SpoolError(.writeReason, path: path, code: error.code)
        }
    }

    static func createFolder(_ path: String) throws(SpoolError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SpoolError(.createFolder, path: path, code: ENOTDIR) }
            return
        }
        let parent = FileMove.folder(of: path)
        if parent != path, parent != "/", parent != ".", stat(parent, &info) != 0, errno == ENOENT {
            try createFolder(parent)
        }
        if mkdir(path, folderPermissions) != 0 {
            let code = errno
            // Someone else made it meanwhile: fine, if it is a folder.
            guard code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw SpoolError(.createFolder, path: path, code: code)
            }
            return
        }
        // mkdir applies the umask; the folder must get exactly 0750.
        chmod(path, folderPermissions)
    }

    /// File names come from outside: a slash would make them a path.
    static func safeName(_ name: String) -> String {
        let cleaned = name.replacingOccurrences(of: "/", with: "_")
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" : cleaned
    }
}
