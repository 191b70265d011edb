import ArgumentParser
import BatchFormat
import Foundation
import Journal
import Spool

/// `fladaemon reprocess EXPORT`: sends an export again after its submissions failed or were rejected, or
/// after it was quarantined (for instance once a profile was fixed).
///
/// A name the platform has seen is never reused (code 133), so the original is queued as a new export:
/// the daemon converts it under new sequence numbers. The earlier submissions keep their history.
/// Records the platform accepted are not sent again unless `--force` with a reason (recorded); records
/// still in flight never are.
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess", abstract: "Queue a kept export again, to be converted and sent under new names.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "Export id (see `fladaemon status`).") var exportID: Int64
    @Option(help: "Send records the platform already accepted again; say why (kept in the journal).")
    var force: String?
    @Flag(help: "Say what would happen, change nothing.") var dryRun = false

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard let export = try journal.export(exportID) else {
            throw ValidationError("no export \(exportID) in \(settings.journalPath)")
        }
        guard FileManager.default.fileExists(atPath: export.storedPath) else {
            throw ValidationError("the original of export \(exportID) is no longer at \(export.storedPath)")
        }
        if dryRun {
            let submissions = try journal.submissions(exportID: exportID)
            let accepted = submissions.filter { $0.state == .accepted || $0.state == .acceptedWithAnomalies }
            let open = submissions.filter { !$0.state.isFinal }
            if !open.isEmpty {
                print("would refuse: export \(exportID) still has submissions under way")
            } else if !accepted.isEmpty && force == nil {
                print("would refuse: the platform accepted " + accepted.map(\.goName).joined(separator: ", ") + " (use --force REASON)")
            } else {
                print("would queue export \(exportID) (\(export.sourceFile)) again, to be converted and sent under new names")
            }
            return
        }
        if let force, force.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--force needs a reason, kept in the journal")
        }
        let layout = SpoolLayout(root: settings.spool.root)
        try layout.create()
        let copy = "\(layout.work)/reprocess-\(exportID)-\(UUID().uuidString.prefix(8))-\(export.sourceFile)"
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: export.storedPath)))
        try AtomicFileWriter.write(bytes, to: copy)
        var again = ExportRecord(sourceFile: export.sourceFile, storedPath: copy, sha256: export.sha256,
                                 byteCount: Int64(bytes.count))
        again.detail = "reprocessing export \(exportID)"
        // The daemon takes it from the journal: no channel lock, the check and the record are one transaction.
        let outcome: Journal.Requeueing
        do { outcome = try journal.requeue(exportID, as: again, forcedBecause: force) } catch {
            try? FileManager.default.removeItem(atPath: copy)
            throw error
        }
        switch outcome {
        case .queued(let queued):
            print("export \(exportID) queued again as export \(queued.id ?? 0): the daemon converts it under new names")
        case .underWay(let open):
            try? FileManager.default.removeItem(atPath: copy)
            throw ValidationError("export \(exportID) still has submissions under way: "
                                  + open.map { "#\($0.id ?? 0) \($0.state.rawValue)" }.joined(separator: ", "))
        case .accepted(let accepted):
            try? FileManager.default.removeItem(atPath: copy)
            throw ValidationError("the platform already accepted these records ("
                                  + accepted.map { "#\($0.id ?? 0) \($0.goName) \($0.state.rawValue)" }.joined(separator: ", ")
                                  + "): sending them again would declare them twice. reprocess is for rejected, failed "
                                  + "and quarantined exports; if you really mean it, add --force \"REASON\"")
        case .alreadyQueued(let other):
            try? FileManager.default.removeItem(atPath: copy)
            throw ValidationError("the content of export \(exportID) is already queued or under way as export "
                                  + "\(other.id ?? 0) (\(other.state.rawValue)); see `fladaemon status`")
        }
    }
}
