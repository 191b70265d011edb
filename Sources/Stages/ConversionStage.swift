import BatchFormat
import Conversion
import Faults
import FLAFlow
import Foundation
import Journal
import LogFields
import Logging
import ServiceLifecycle
import Settings
import Spool

/// Converts every received export into prepared submissions, keeps the original in its archive folder
/// (or sets it aside in `failed/` with its reason), writes the report, and wakes the upload stage.
public struct ConversionStage: Service {
    static let name = "conversion"
    let context: DaemonContext
    /// How often the stage looks for work nobody announced (exports left by a crash).
    let idlePoll: Duration

    public init(context: DaemonContext, idlePoll: Duration = .seconds(60)) {
        self.context = context
        self.idlePoll = idlePoll
    }

    public func run() async throws {
        context.liveness.register(Self.name)
        defer { context.liveness.unregister(Self.name) }
        var recovered = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            context.liveness.beat(Self.name)
            do {
                if !recovered {
                    try await recover()
                    recovered = true
                }
                try await convertReceived()
                context.resume(Self.name)
            } catch {
                // A full disk, an I/O error, a journal that cannot be written: the exports wait in
                // work/ as they are, and whatever was half done is finished by `recover` on the next try.
                guard let condition = MachineCondition(error) else { throw error }
                recovered = false
                _ = context.pause(Self.name, by: condition, keeping: "the exports wait in \(context.layout.work)")
            }
            let wait = context.pauses.retryDelay(Self.name) ?? idlePoll
            await context.idle(Self.name, upTo: wait, wake: context.conversionWanted)
        }
    }

    /// Submissions recorded just before a crash (or a full disk) get their files before anything else
    /// happens, and exports whose conversion was recorded but not yet filed away are filed now.
    private func recover() async throws {
        if let converter = try? makeConverter(context.settings.settings) {
            let finished = try await Blocking.run { try converter.finishInterrupted() }
            if !finished.isEmpty { context.uploadWanted.kick() }
        }
        try fileAwayLeftovers()
    }

    /// One pass: every export in state `received`, oldest first, up to `spool.concurrency` at a time.
    func convertReceived() async throws {
        let pending = try context.journal.exports(in: [.received])
        guard !pending.isEmpty else { return }
        let settings = context.settings.settings
        let converter: ExportConverter
        do {
            converter = try makeConverter(settings)
        } catch {
            context.logger.error("cannot convert exports: \(error)")
            return
        }
        let width = max(1, settings.spool.concurrency)
        var queue = pending[...]
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            while let export = queue.popFirst() {
                if Task.isShuttingDownGracefully { break }
                if running == width { try await group.next(); running -= 1 }
                group.addTask { try await convert(export, with: converter) }
                running += 1
            }
            try await group.waitForAll()
        }
    }

    private func convert(_ export: ExportRecord, with converter: ExportConverter) async throws {
        var log = context.logger
        log[metadataKey: LogKey.exportID] = "\(export.id ?? 0)"
        log[metadataKey: LogKey.sourceFile] = "\(export.sourceFile)"
        // Each part written is a sign of life: a long export must not look stuck to the watchdog.
        let liveness = context.liveness
        let result = try await Blocking.run { converter.convert(export) { liveness.beat(Self.name) } }
        if case .machine(let condition) = result.failure { throw condition }
        try fileAway(result.export, failure: result.failure.map(String.init(describing:)), log: log)
        for submission in result.submissions {
            var slog = log
            slog[metadataKey: LogKey.submissionID] = "\(submission.record.id ?? 0)"
            slog[metadataKey: LogKey.flow] = "\(submission.record.flow)"
            slog[metadataKey: LogKey.state] = "prepared"
            slog[metadataKey: LogKey.sequence] = "\(submission.record.sequence)"
            slog[metadataKey: LogKey.remoteName] = "\(submission.record.goName)"
            slog.info("submission \(submission.record.goName) prepared: \(submission.record.recordCount) record(s)")
        }
        if result.warningCount > 0 {
            log.notice("\(result.warningCount) value(s) of \(export.sourceFile) changed on their way into the FI; see the report")
        }
        if result.rejectedRecords > 0 {
            log.warning("\(result.rejectedRecords) record(s) of \(export.sourceFile) left out; see the report")
        }
        if result.failure == nil { context.uploadWanted.kick() }
    }

    /// Files a converted export's original into its archive folder (a refused one into `failed/` with
    /// its reason) and publishes its report. Safe to repeat: what is already filed stays.
    private func fileAway(_ export: ExportRecord, failure: String?, log: Logger) throws {
        let layout = context.layout
        let id = export.id ?? 0
        let reports = layout.reportsInProgress
        let report = "\(reports)/export-\(id).report.txt"
        let target = layout.reportPath(exportID: id, sourceName: export.sourceFile)
        if FileManager.default.fileExists(atPath: report) {
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.moveItem(atPath: report, toPath: target)
        } else if !FileManager.default.fileExists(atPath: target) {
            // The process died before the report was complete: say what the journal knows.
            let submissions = try context.journal.submissions(exportID: id)
            let text = "fladaemon conversion report\nexport: \(export.sourceFile)\nsha256: \(export.sha256)\n\n"
                + (failure.map { "NOT converted: \($0)\n" } ?? "converted into:\n"
                    + submissions.map { "  \($0.goName) (\($0.recordCount) record(s))\n" }.joined())
                + "(the detailed report was lost: fladaemon stopped, or its disk was full, while writing it)\n"
            try AtomicFileWriter.write(Array(text.utf8), to: target)
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
        where name.hasPrefix(".export-\(id).report.txt.tmp-") {
            try? FileManager.default.removeItem(atPath: reports + "/" + name)
        }
        guard export.storedPath.hasPrefix(layout.work + "/") else { return }
        guard FileManager.default.fileExists(atPath: export.storedPath) else {
            // Killed after the move, before the journal heard of it: the file is where the move puts it.
            let filed = failure == nil ? layout.archiveFolder(exportID: id) + "/" + export.sourceFile
                : layout.failed + "/" + (export.storedPath as NSString).lastPathComponent
            if FileManager.default.fileExists(atPath: filed) {
                try context.journal.moveExport(id, to: filed)
                log.notice("export \(export.sourceFile) was already filed in \(filed); the journal now says so")
            }
            return
        }
        if let failure {
            let kept = try layout.quarantine(file: export.storedPath, reason: "export \(id): \(failure)")
            try context.journal.moveExport(id, to: kept)
            log.error("export \(export.sourceFile) not sent: \(failure) (set aside in \(kept))")
            return
        }
        let archive = layout.archiveFolder(exportID: id)
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        let kept = archive + "/" + export.sourceFile
        try AtomicFileWriter.renameWithoutReplacing(export.storedPath, to: kept)
        try context.journal.moveExport(id, to: kept)
    }

    /// A crash between recording a conversion and filing its export away leaves the original in
    /// `work/`: file those away now.
    private func fileAwayLeftovers() throws {
        for export in try context.journal.exports(in: [.converted, .quarantined])
        where export.storedPath.hasPrefix(context.layout.work + "/") {
            var log = context.logger
            log[metadataKey: LogKey.exportID] = "\(export.id ?? 0)"
            log[metadataKey: LogKey.sourceFile] = "\(export.sourceFile)"
            try fileAway(export, failure: export.state == .quarantined ? (export.detail ?? "not converted") : nil, log: log)
        }
    }

    func makeConverter(_ settings: FladaemonSettings) throws -> ExportConverter {
        let signer = try settings.signing.map { try SigningIdentity.load($0) }
        let layout = context.layout
        let plan = ConversionPlan(
            channel: settings.channel, conversion: settings.conversion,
            profile: settings.conversion.profileName.flatMap { settings.profiles[$0] },
            stagingDirectory: layout.staging, reportDirectory: layout.reportsInProgress,
            folder: { exportID, goName in layout.submissionFolder(exportID: exportID, goName: goName) })
        return try ExportConverter(plan: plan, journal: context.journal, signer: signer)
    }
}
