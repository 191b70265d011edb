import BatchFormat
import Faults
import FLAFlow
import Foundation
import Identifiers
import Journal
import SafeXML
import Settings

/// Turns one export into prepared submissions: reads it as a stream, writes FI parts of bounded size,
/// validates each against the schema, signs it (production), then has the journal name and record
/// every submission of the export in one transaction before the files are put in place.
///
/// A crash before that transaction leaves only staged files, thrown away by the next attempt; a crash
/// after it is finished by `finishInterrupted()`.
public final class ExportConverter: Sendable {
    public let plan: ConversionPlan
    let journal: Journal
    let validator: XSDValidator
    let signer: SigningIdentity?

    public init(plan: ConversionPlan, journal: Journal, signer: SigningIdentity?) throws {
        self.plan = plan
        self.journal = journal
        self.signer = plan.channel.environment.requiresSignature ? signer : nil
        if plan.channel.environment.requiresSignature, signer == nil {
            throw ConversionError.signing("production submissions must be signed: no signing identity configured")
        }
        validator = try FLASchemas.fiValidator(officialSchemaAt: plan.conversion.schemaPath)
    }

    // MARK: Registering an export (the command line; the daemon's spool registers its own)

    /// Records the file in the journal by its content. The same content already converted is refused
    /// unless `force`; an export whose conversion was interrupted is taken up again.
    public func register(exportAt path: String, force: Bool = false) throws -> ExportRecord {
        let sha256 = try SHA256.hex(ofFileAt: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        let export = ExportRecord(sourceFile: (path as NSString).lastPathComponent, storedPath: path,
                                  sha256: sha256, byteCount: size ?? 0)
        switch try journal.registerForConversion(export, force: force) {
        case .registered(let export), .resumed(let export):
            return export
        case .alreadyConverted(let done):
            throw ConversionError.alreadyConverted(exportID: done.id ?? 0, sourceFile: done.sourceFile)
        }
    }

    // MARK: Converting

    /// - Parameter progress: called after every FI part written (at most `max_records_per_fi` records
    ///   apart), so a long conversion can show it is moving (the daemon's watchdog).
    public func convert(_ export: ExportRecord, progress: () -> Void = {}) -> ConversionResult {
        let exportID = export.id ?? 0
        let staging = plan.stagingDirectory(exportID: exportID)
        var result = ConversionResult(export: export, submissions: [], validRecords: 0, rejectedRecords: 0,
                                      problemCount: 0, firstProblems: [], reportPath: nil, failure: nil)
        var report: ConversionReport
        do {
            report = try startReading(export, staging: staging)
        } catch {
            result.failure = .from(error, doing: "cannot prepare \(staging)")
            quarantine(&result, staging: staging)
            return result
        }
        do {
            var knownDuplicates = LateDuplicates()
            var parts: [StagedPart]
            while true {
                if let written = try writeParts(of: export, staging: staging, report: report, result: &result,
                                                knownDuplicates: &knownDuplicates, progress: progress) {
                    parts = written
                    break
                }
                // Repeated record ids found only at the end of a large export: read it again, rejecting
                // them in their places, so that parts and report are as if they had been found at once.
                report.abandon()
                report = try startReading(export, staging: staging)
                result.validRecords = 0
                result.rejectedRecords = 0
            }
            let groups = group(parts)
            let date = CalendarDate.today()
            let templates = groups.map { group in
                SubmissionRecord(exportID: exportID, flow: plan.channel.flow.text, sender: plan.channel.sender.text,
                                 environment: plan.channel.environment.letter, nameDate: date.compact, sequence: 0,
                                 parts: group.count, recordCount: group.reduce(0) { $0 + $1.recordCount },
                                 goName: "", directory: "")
            }
            let channel = plan.channel, folder = plan.folder
            let summary = "converted: \(result.validRecords) record(s) in \(groups.count) submission(s)"
                + (result.rejectedRecords > 0 ? ", \(result.rejectedRecords) record(s) left out" : "")
            let recorded = try journal.recordConversion(exportID: exportID, submissions: templates, detail: summary) {
                index, sequence in
                try Self.names(for: groups[index], sequence: sequence, date: date, channel: channel) { folder(exportID, $0) }
            }
            for (submission, files) in recorded {
                try SubmissionFiles.putInPlace(submission, files: files, stagingDirectory: staging)
                result.submissions.append(PreparedSubmission(record: submission, files: files))
            }
            try? FileManager.default.removeItem(atPath: staging)
            result.export.state = .converted
            // The submissions are recorded and stand whatever becomes of the report: without it, the
            // daemon writes a short one from the journal.
            if (try? report.finish(summary: summary + ":\n" + result.submissions.map { "  \($0.record.goName)" }
                .joined(separator: "\n"))) != nil {
                result.reportPath = report.path
            }
        } catch JournalError.notPending(let id, let state) {
            // Another process converted (or set aside) this export meanwhile: what it did stands, and
            // its staging and report are left to it.
            report.abandon()
            result.failure = .io(JournalError.notPending(export: id, state: state).description)
            result.export.state = state
        } catch {
            let failure = ConversionError.from(error)
            result.failure = failure
            if case .machine = failure {
                report.abandon()
            } else {
                try? report.finish(summary: "NOT converted: \(failure)")
                result.reportPath = report.path
            }
            quarantine(&result, staging: staging)
        }
        result.problemCount = report.problemCount
        result.warningCount = report.warningCount
        result.firstProblems = report.firstProblems
        return result
    }

    /// A clean staging folder (whatever an interrupted attempt staged was never recorded) and a new report.
    private func startReading(_ export: ExportRecord, staging: String) throws -> ConversionReport {
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: plan.reportDirectory, withIntermediateDirectories: true)
        return try ConversionReport(path: "\(plan.reportDirectory)/export-\(export.id ?? 0).report.txt",
                                    exportName: export.sourceFile, sha256: export.sha256)
    }

    /// After a crash, before any conversion starts (the daemon at start, a `convert` under the channel
    /// lock, so no other conversion runs): every submission this plan recorded as prepared whose files
    /// are not all in place gets them, then staging is cleared.
    public func finishInterrupted() throws -> [PreparedSubmission] {
        var finished: [PreparedSubmission] = []
        for submission in try journal.submissions(in: [.prepared])
        where submission.directory == plan.folder(submission.exportID, submission.goName) && !SubmissionFiles.isInPlace(submission) {
            let files = try journal.files(of: submission.id!)
            try SubmissionFiles.putInPlace(submission, files: files,
                                           stagingDirectory: plan.stagingDirectory(exportID: submission.exportID))
            finished.append(PreparedSubmission(record: submission, files: files))
        }
        // What staging still holds has no use now: recorded submissions have their files, and an export
        // whose conversion was cut (still received) starts again from a clean folder whenever it comes.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plan.stagingDirectory)) ?? []
        for name in names where name.hasPrefix("export-") {
            try? FileManager.default.removeItem(atPath: plan.stagingDirectory + "/" + name)
        }
        return finished
    }

    /// Records the export as set aside, unless the machine is to blame: then it stays as it was
    /// (received), to be converted again once the machine lets it.
    private func quarantine(_ result: inout ConversionResult, staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
        guard let id = result.export.id else { return }
        if case .machine = result.failure { return }
        do {
            try journal.setExportState(id, to: .quarantined, detail: result.failure?.description)
        } catch {
            // Nothing may be set aside that the journal does not say was.
            if let condition = MachineCondition(error) {
                result.failure = .machine(condition)
                return
            }
        }
        result.export.state = .quarantined
    }

    /// Reads the export and leaves validated, signed parts in staging. Returns nil when record ids were
    /// found repeated only at the end (added to `knownDuplicates`): the export must be read again.
    private func writeParts(of export: ExportRecord, staging: String, report: ConversionReport,
                            result: inout ConversionResult,
                            knownDuplicates: inout LateDuplicates, progress: () -> Void) throws -> [StagedPart]? {
        let path = export.storedPath, name = export.sourceFile
        let finisher = PartFinisher(validator: validator, signer: signer)
        let kind: ExportKind
        do { kind = try ExportKind.detect(path: path, displayName: name) } catch {
            try report.add(error)
            throw ConversionError.unreadable(error)
        }
        if kind == .formedFI {
            let part = try stageFormedFI(path: path, name: name, staging: staging, report: report)
            result.validRecords = part.recordCount
            finisher.submit(part)
            return try finisher.waitForAll()
        }
        var reader: any ExportReader
        do {
            let duplicates = DuplicateRecordDetector(memoryCapacity: plan.recordIDsInMemory, scratchDirectory: staging,
                                                     knownDuplicates: knownDuplicates)
            reader = kind == .csv
                ? try CSVExportReader(path: path, profile: plan.profile, displayName: name, duplicates: duplicates)
                : try XMLExportReader(path: path, displayName: name, duplicates: duplicates)
        } catch {
            try report.add(error)
            throw ConversionError.unreadable(error)
        }
        var current: FIPartWriter?
        var partCount = 0
        // Once a record is refused and partial sending is off, nothing will be sent: keep reading
        // only to report every problem, and stop writing parts.
        var writing = true
        defer { current?.abandon() }
        while true {
            let item: ExportItem?
            do { item = try reader.next() } catch {
                try report.add(error)
                throw ConversionError.unreadable(error)
            }
            guard let item else { break }
            switch item {
            case .rejected(let problems):
                result.rejectedRecords += 1
                try report.rejected(problems)
                if !plan.conversion.sendValidRecords, writing {
                    writing = false
                    current?.abandon()
                    current = nil
                }
            case .record(let record):
                result.validRecords += 1
                if !record.warnings.isEmpty { report.warned(record.warnings) }
                guard writing else { continue }
                if current == nil {
                    partCount += 1
                    current = try FIPartWriter(index: partCount, header: try header(), stagingDirectory: staging)
                }
                try current!.append(record)
                // Records stay well under 4 KiB, so checking before the next one keeps the part under the limit.
                if current!.recordCount >= plan.conversion.maxRecordsPerFI
                    || current!.byteCountIfFinished + 4096 > plan.conversion.maxBytesPerFI {
                    finisher.submit(try current!.close())
                    progress()
                    current = nil
                }
            }
        }
        let late: LateDuplicates
        do { late = try reader.lateDuplicates() } catch {
            try report.add(error)
            throw ConversionError.unreadable(error)
        }
        if !late.isEmpty {
            _ = try? finisher.waitForAll()
            knownDuplicates.add(late)
            return nil
        }
        if let last = current {
            current = nil
            finisher.submit(try last.close())
            progress()
        }
        let parts = try finisher.waitForAll()
        if result.rejectedRecords > 0, !plan.conversion.sendValidRecords {
            throw ConversionError.invalidRecords(rejected: result.rejectedRecords, valid: result.validRecords)
        }
        guard !parts.isEmpty else { throw ConversionError.noRecords(file: name) }
        return parts
    }

    /// An FI the exporter formed is checked whole, then staged byte for byte: what is signed is what is sent.
    private func stageFormedFI(path: String, name: String, staging: String, report: ConversionReport) throws -> WrittenPart {
        let check = FormedFICheck(validator: validator, expectedFlowCode: plan.channel.flow).check(fileAt: path, displayName: name)
        guard check.isAcceptable, let date = check.creationDate, let time = check.creationTime else {
            for problem in check.problems { try report.add(problem) }
            if check.problems.isEmpty {
                try report.add(RecordProblem(file: name, reason: "the FI has no form creation date and hour"))
            }
            throw ConversionError.invalidRecords(rejected: max(1, check.problems.count), valid: 0)
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let sha = SHA256.hex(of: bytes)
        let written = try AtomicFileWriter.write(bytes, to: "\(staging)/\(sha)")
        return WrittenPart(index: 1, path: written.path, byteCount: written.byteCount, sha256: written.sha256,
                           recordCount: check.recordCount, formCreation: "\(date.iso) \(time)", recordLinesPath: nil,
                           needsValidation: false)
    }

    /// The next FI's header, with a form creation stamp no FI ever had.
    private func header() throws -> FormHeader {
        let stamp = try journal.nextFormStamp()
        guard let date = CalendarDate(iso: stamp.date), let time = FormCreationTime(stamp.hour) else {
            throw ConversionError.io("form stamp \(stamp) cannot be written")
        }
        return FormHeader(flowCode: plan.channel.flow, creationDate: date, creationTime: time,
                          senderNumber: plan.channel.sender, quality: plan.channel.quality,
                          declarant: plan.channel.declarant)
    }

    /// Parts per submission: up to 9 as parts of one, or one each.
    private func group(_ parts: [StagedPart]) -> [[StagedPart]] {
        let size = plan.conversion.split == .parts ? SubmissionName.partsRange.upperBound : 1
        return stride(from: 0, to: parts.count, by: size).map { Array(parts[$0..<min($0 + size, parts.count)]) }
    }

    private static func names(for parts: [StagedPart], sequence: Int, date: CalendarDate, channel: ChannelSettings,
                              folder: (String) -> String) throws -> NamedFiles {
        let name = try SubmissionName(flow: channel.flow, sender: channel.sender, date: date, sequence: sequence,
                                      environment: channel.environment, parts: parts.count)
        var files: [SubmissionFileRecord] = []
        for (offset, part) in parts.enumerated() {
            let number = offset + 1
            // The lines file holds the export lines, then the FI lines, 4 bytes a record each.
            let lines = try part.recordLinesPath.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            let split = min(part.recordCount * 4, lines?.count ?? 0)
            files.append(SubmissionFileRecord(
                kind: .fi, part: number, name: name.fi(part: number).text, byteCount: Int64(part.fiByteCount),
                sha256: part.fiSHA256, formCreation: part.formCreation,
                recordLines: lines.map { Data($0.prefix(split)) },
                recordFILines: lines.flatMap { $0.count > split ? Data($0.dropFirst(split)) : nil }))
            if let fs = part.fs {
                files.append(SubmissionFileRecord(kind: .fs, part: number, name: name.fs(part: number).text,
                                                  byteCount: Int64(fs.byteCount), sha256: fs.sha256))
            }
        }
        files.append(SubmissionFileRecord(kind: .go, part: 0, name: name.go.text, byteCount: 0, sha256: emptySHA256))
        return NamedFiles(goName: name.go.text, directory: folder(name.go.text), files: files)
    }
}

/// SHA-256 of no bytes: the GO file's.
let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
