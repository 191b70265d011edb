import BatchFormat
import Faults
import Foundation
import Glibc
import Journal
import Logging

/// The first stage of the daemon: takes complete files out of `incoming/`, records each with its
/// SHA-256 in the journal, and sets duplicates aside.
///
/// `claim`, `recover` and `rescan` are single steps (blocking file and database calls); `run` is the
/// long-running loop the daemon starts.
public final class Intake: Sendable {
    public let layout: SpoolLayout
    public let journal: Journal
    public let filter: IntakeFilter
    /// How long a file written in place must stay unchanged before it is taken.
    public let settle: Duration
    public let backoff: PauseBackoff
    let logger: Logger

    public init(layout: SpoolLayout, journal: Journal, settle: Duration = .seconds(2),
                filter: IntakeFilter = IntakeFilter(), backoff: PauseBackoff = PauseBackoff(),
                logger: Logger = Logger(label: "fladaemon.spool")) {
        self.layout = layout
        self.journal = journal
        self.filter = filter
        self.settle = settle
        self.backoff = backoff
        self.logger = logger
    }

    // MARK: One file

    /// Takes `incoming/<name>`: renames it into `work/` (the exporter can no longer touch it), hashes it
    /// and records it in the journal. Throws on storage or journal errors; a file renamed into `work/`
    /// but not recorded is recorded by `recover()` later.
    public func claim(name: String) throws -> IntakeOutcome {
        guard !filter.ignores(name) else { return .skipped(name: name) }
        let source = "\(layout.incoming)/\(name)"
        guard let before = try inspect(source) else { return .vanished(name: name) }
        guard before.isRegularFile || !Self.isDirectory(source) else { return .skipped(name: name) }
        let arrival = Date()
        let workName = WorkName(sourceName: name, claimedAt: arrival)
        let workPath = "\(layout.work)/\(workName.text)"
        var code = FileMove.renameWithoutReplacing(source, to: workPath)
        if code == ENOENT, FileSnapshot.of(source) != nil {
            // The source is there, so the work folder is not: put it back and try once more.
            try SpoolLayout.createFolder(layout.work)
            code = FileMove.renameWithoutReplacing(source, to: workPath)
        }
        if code == ENOENT { return .vanished(name: name) }
        guard code == 0 else { throw SpoolError(.claim, path: source, destination: workPath, code: code) }
        // The journal row written next must never point at a rename a power cut could undo.
        FileMove.syncDirectory(layout.work)
        FileMove.syncDirectory(layout.incoming)
        return try register(workPath: workPath, sourceName: name, receivedAt: arrival, checkStillWritten: true)
    }

    /// Registers files left in `work/` without a journal row (a crash between the rename and the
    /// journal insert), and finishes setting aside duplicates whose move to `failed/` was interrupted.
    /// Only top-level plain files of `work/` are considered; later stages may use subfolders.
    @discardableResult
    public func recover() throws -> [IntakeOutcome] {
        let known = Dictionary(try journal.exports().map { ($0.storedPath, $0) }, uniquingKeysWith: { first, _ in first })
        var outcomes: [IntakeOutcome] = []
        for entry in try Self.list(layout.work) where !entry.name.hasPrefix(".") && !entry.isDirectory {
            let path = "\(layout.work)/\(entry.name)"
            if let record = known[path] {
                if record.state == .duplicate, let id = record.id {
                    let claimed = ClaimedExport(id: id, record: record)
                    outcomes.append(try setAside(claimed, reason: record.detail ?? "same content as an earlier export"))
                }
                continue
            }
            let parsed = WorkName(parsing: entry.name)
            logger.notice("registering \(entry.name), left in work/ by an interrupted intake",
                          metadata: ["source_file": "\(parsed.sourceName)"])
            outcomes.append(try register(workPath: path, sourceName: parsed.sourceName,
                                         receivedAt: parsed.claimedAt ?? Date(), checkStillWritten: false))
        }
        return outcomes
    }

    /// The names in `incoming/` intake would take, sorted.
    public func rescan() throws -> [String] {
        try Self.list(layout.incoming, logger: logger)
            .filter { !filter.ignores($0.name, isDirectory: $0.isDirectory) }
            .map(\.name)
            .sorted()
    }

    // MARK: Steps

    private func register(workPath: String, sourceName: String, receivedAt: Date,
                          checkStillWritten: Bool) throws -> IntakeOutcome {
        guard let snapshot = try inspect(workPath) else { return .vanished(name: sourceName) }
        guard snapshot.isRegularFile else {
            let reason = "not taken: \(sourceName) is not a plain file (a link, pipe, socket or device); "
                + "exporters must drop plain files"
            let keptAt = try layout.quarantine(file: workPath, reason: reason)
            logger.warning("set aside \(sourceName): not a plain file", metadata: ["source_file": "\(sourceName)"])
            return .quarantined(name: sourceName, keptAt: keptAt, reason: reason)
        }
        let sha256: String
        do {
            sha256 = try SHA256.hex(ofFileAt: workPath)
        } catch {
            throw SpoolError(.hash, path: workPath, code: error.code)
        }
        if checkStillWritten, FileSnapshot.of(workPath) != snapshot {
            return try putBack(workPath: workPath, sourceName: sourceName)
        }
        let (record, earlier) = try journal.registerExport(
            ExportRecord(sourceFile: sourceName, storedPath: workPath, sha256: sha256, byteCount: snapshot.size,
                         receivedAt: receivedAt))
        guard let id = record.id else { throw JournalError.notFound("the export just recorded for \(sourceName)") }
        let claimed = ClaimedExport(id: id, record: record)
        guard earlier == nil else {
            return try setAside(claimed, reason: record.detail ?? "same content as an earlier export")
        }
        logger.info("took \(sourceName) as export \(id) (\(snapshot.size) bytes, sha256 \(sha256))",
                    metadata: ["source_file": "\(sourceName)", "export_id": "\(id)"])
        return .claimed(claimed)
    }

    /// Moves a duplicate to `failed/` and notes where in the journal.
    private func setAside(_ claimed: ClaimedExport, reason: String) throws -> IntakeOutcome {
        let text = "not sent: \(reason)\nexport: \(claimed.id)\nsha256: \(claimed.sha256)"
        let keptAt = try layout.quarantine(file: claimed.path, reason: text)
        let detail = "\(reason); set aside as \(keptAt)"
        try journal.setExportState(claimed.id, to: .duplicate, detail: detail)
        try journal.moveExport(claimed.id, to: keptAt)
        var record = claimed.record
        record.storedPath = keptAt
        record.state = .duplicate
        record.detail = detail
        logger.notice("\(claimed.sourceName) is a duplicate (\(reason)): set aside in failed/, not sent",
                      metadata: ["source_file": "\(claimed.sourceName)", "export_id": "\(claimed.id)"])
        return .duplicate(ClaimedExport(id: claimed.id, record: record), keptAt: keptAt)
    }

    /// The writer was still at it after the file had settled: give the file back to settle again.
    private func putBack(workPath: String, sourceName: String) throws -> IntakeOutcome {
        let target = "\(layout.incoming)/\(sourceName)"
        let code = FileMove.renameWithoutReplacing(workPath, to: target)
        if code == 0 {
            logger.warning("""
                \(sourceName) changed while it was being read: put back to settle again \
                (exporters should write elsewhere and rename into incoming/)
                """,
                           metadata: ["source_file": "\(sourceName)"])
            return .stillWritten(name: sourceName)
        }
        guard code == EEXIST else { throw SpoolError(.move, path: workPath, destination: target, code: code) }
        let reason = "not taken: \(sourceName) was still being written when it was taken, and a new file "
            + "with the same name arrived meanwhile"
        let keptAt = try layout.quarantine(file: workPath, reason: reason)
        logger.warning("set aside \(sourceName): \(reason)", metadata: ["source_file": "\(sourceName)"])
        return .quarantined(name: sourceName, keptAt: keptAt, reason: reason)
    }

    /// The entry's state; nil if it does not exist. Other failures (rights) are thrown.
    private func inspect(_ path: String) throws(SpoolError) -> FileSnapshot? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw SpoolError(.inspect, path: path)
        }
        return FileSnapshot(info)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    struct FolderEntry {
        let name: String
        let isDirectory: Bool
    }

    /// The folder's entries (not `.`/`..`). Names that are not UTF-8 cannot be named back and are skipped.
    static func list(_ folder: String, logger: Logger? = nil) throws(SpoolError) -> [FolderEntry] {
        guard let stream = opendir(folder) else { throw SpoolError(.list, path: folder) }
        defer { closedir(stream) }
        var entries: [FolderEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SpoolError(.list, path: folder) }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                logger?.warning("ignoring a file in \(folder) whose name is not UTF-8: \(shown); rename it")
                continue
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            let isDirectory = type == UInt8(DT_DIR) || (type == UInt8(DT_UNKNOWN) && Self.isDirectory("\(folder)/\(name)"))
            entries.append(FolderEntry(name: name, isDirectory: isDirectory))
        }
        return entries
    }
}
