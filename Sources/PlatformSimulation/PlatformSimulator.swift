import BatchFormat
import FLAFlow
import Foundation
import Glibc
import SafeXML

/// Plays the social-security platform's side of one batch channel over the folder an SFTP server serves.
///
/// Each pass looks for GO files in `IN`, `INTEST` and `INTEST-S`; every GO is a submission to judge
/// (see `RejectionCode` for the rules). The verdict goes back as an ACRF and, when accepted, one
/// NOTIFICATION per FI part, in the matching OUT folder; then the submission's files leave the IN
/// folder. Anything else there (hidden temporary files, an FI whose GO has not come yet, TD files)
/// is left alone. What it must remember (names used, its own sequences, tickets) survives restarts
/// in the state folder.
public actor PlatformSimulator {
    public let configuration: SimulatorConfiguration
    private let state: SimulatorState
    private let judge: SubmissionJudge
    private let publisher: AnswerPublisher
    private var passRunning = false

    /// Creates the six platform folders under the root if missing, compiles the XSD and takes the state folder.
    public init(configuration: SimulatorConfiguration) throws(SimulatorError) {
        for environment in BatchEnvironment.allCases {
            for name in [environment.inFolder, environment.outFolder] {
                let path = configuration.folder(name)
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                } catch {
                    throw .folderUnusable(path: path, reason: error.localizedDescription)
                }
            }
        }
        guard access(configuration.trustedCertificates, R_OK) == 0 else {
            throw .trustedCertificatesUnreadable(path: configuration.trustedCertificates)
        }
        let validator: XSDValidator
        do {
            validator = try FLASchemas.fiValidator(officialSchemaAt: configuration.schemaPath)
        } catch {
            throw .schemaUnusable(error)
        }
        let state = try SimulatorState(folder: configuration.stateFolder)
        self.configuration = configuration
        self.state = state
        judge = SubmissionJudge(configuration: configuration, validator: validator,
                                inspector: FormInspector(maxAnomalies: configuration.maxAnomaliesPerNotification))
        publisher = AnswerPublisher(configuration: configuration, state: state)
    }

    /// Judges and answers every submission waiting in the IN folders, in name order, and returns the
    /// verdicts. A call made while another pass is still running (waiting out a delay) returns none.
    /// Cancelled while delaying answers, it leaves that submission untouched for the next pass.
    public func processOnce() async throws -> [SubmissionVerdict] {
        guard !passRunning else { return [] }
        passRunning = true
        defer { passRunning = false }
        var verdicts: [SubmissionVerdict] = []
        for environment in BatchEnvironment.allCases {
            var listing = try list(configuration.folder(environment.inFolder))
            // A GO that is not a regular file (a folder, a link, a name the file system API could not
            // round-trip) is not a submission: answering it would repeat forever, as it cannot be removed.
            let commits = listing.filter { $0.hasPrefix("GO.") && judge.regularFileSize(of: $0, in: environment) != nil }
            for goFile in commits.sorted() where listing.contains(goFile) {
                let verdict = try await handle(goFile, in: environment, listing: listing)
                listing.subtract(verdict.consumedFiles)
                verdicts.append(verdict)
            }
        }
        return verdicts
    }

    /// Polls until SIGTERM or SIGINT (or any of `stopSignals`) arrives or the task is cancelled, then
    /// returns normally; a pass is never cut in the middle of writing answers. `report` hears every verdict.
    public func run(pollInterval: Duration, stopSignals: [Int32] = [SIGTERM, SIGINT],
                    report: @escaping @Sendable (SubmissionVerdict) -> Void = { _ in }) async throws {
        let watcher = SignalWatcher(stopSignals)
        defer { watcher.stop() }
        let received = watcher.received
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.poll(every: pollInterval, report: report) }
            group.addTask {
                var signals = received.makeAsyncIterator()
                _ = await signals.next()
            }
            do {
                try await group.next()
            } catch is CancellationError {
                // Stopping is what was asked for.
            }
            group.cancelAll()
        }
    }

    // MARK: - One submission

    private func poll(every interval: Duration, report: @Sendable (SubmissionVerdict) -> Void) async throws {
        while true {
            try Task.checkCancellation()
            for verdict in try await processOnce() { report(verdict) }
            try await Task.sleep(for: interval)
        }
    }

    private func handle(_ goFile: String, in environment: BatchEnvironment,
                        listing: Set<String>) async throws -> SubmissionVerdict {
        let today = configuration.today()
        let judgement = judge.judge(goFile: goFile, in: environment, listing: listing, today: today,
                                    wasUsed: { state.wasUsed($0) })
        let ticket = state.nextTicket(environment: environment, date: today)
        var verdict = SubmissionVerdict(folder: environment.inFolder, fileName: judgement.fileName,
                                        submission: judgement.submission, ticket: ticket, outcome: judgement.outcome)
        let misbehaviour = configuration.misbehaviour
        if misbehaviour.answerDelay > .zero { try await Task.sleep(for: misbehaviour.answerDelay) }

        func publish(_ bytes: [UInt8], _ type: AnswerType) throws {
            let name = try publisher.publish(bytes, type: type.rawValue, environment: environment, date: today)
            verdict.answerFiles.append(name.text)
        }
        // The platform quotes our GO, sometimes an FI instead.
        let quoted = misbehaviour.quoteFIName ? (judgement.dataFiles.first ?? judgement.fileName) : judgement.fileName
        let acknowledgement = ACRFDocument(created: .now(), fileName: quoted, ticket: ticket, accepted: verdict.isAccepted,
                                           errorIDs: verdict.rejectionCodes.map(\.errorID))
        let acknowledgementBytes = try render(acknowledgement.bytes)
        if misbehaviour.malformedAnswer {
            // Cut mid-document: not well-formed, as a transfer that went wrong on the platform's side.
            try publish(Array(acknowledgementBytes.prefix(acknowledgementBytes.count / 2)), .acrf)
        }
        try publish(acknowledgementBytes, .acrf)
        if misbehaviour.answerTwice {
            var again = acknowledgement
            again.created = .now()
            try publish(try render(again.bytes), .acrf)
        }
        if misbehaviour.unmatchedAnswer {
            try publish(try render(unmatchedAcknowledgement(environment: environment, today: today).bytes), .acrf)
        }
        if !misbehaviour.skipNotification {
            for form in verdict.handledForms {
                let fileName = misbehaviour.omitNotificationFileReference ? nil
                    : misbehaviour.quoteFIName ? form.fileName : judgement.fileName
                let notification = NotificationDocument(created: .now(), form: form, fileName: fileName, ticket: ticket)
                try publish(try render(notification.bytes), .notification)
            }
        }
        if misbehaviour.otherApplicationsNoise {
            try publishNoise(environment: environment, today: today)
        }
        if let submission = judgement.submission { state.markUsed(submission) }
        try state.save()
        try remove(judgement.consumedFiles, from: configuration.folder(environment.inFolder))
        verdict.consumedFiles = judgement.consumedFiles
        return verdict
    }

    /// An ACRF about `GO.<FLOW>.<SENDER>.<today>.<SEQ>.<ENV>.1` with a sequence the channel never used.
    private func unmatchedAcknowledgement(environment: BatchEnvironment, today: CalendarDate) throws -> ACRFDocument {
        var sequence = SubmissionName.sequenceRange.upperBound
        var name = try SubmissionName(flow: configuration.flowCode, sender: configuration.accountSender, date: today,
                                      sequence: sequence, environment: environment)
        while state.wasUsed(name), sequence > SubmissionName.sequenceRange.lowerBound {
            sequence -= 1
            name = try SubmissionName(flow: configuration.flowCode, sender: configuration.accountSender, date: today,
                                      sequence: sequence, environment: environment)
        }
        return ACRFDocument(created: .now(), fileName: name.go.text, ticket: state.nextTicket(environment: environment, date: today),
                            accepted: true, errorIDs: [])
    }

    /// Answers of other applications that share OUT (`DMNO`, `BEWA`), and a file that is no batch name.
    private func publishNoise(environment: BatchEnvironment, today: CalendarDate) throws {
        for type in ["DMNO", "BEWA"] {
            _ = try publisher.publish(Array("<\(type)/>\n".utf8), type: type, environment: environment, date: today)
        }
        let stray = configuration.folder(environment.outFolder) + "/readme.txt"
        if access(stray, F_OK) != 0 {
            do {
                try AtomicFileWriter.write(Array("not a batch file\n".utf8), to: stray, permissions: 0o644)
            } catch {
                throw SimulatorError.cannotWrite(path: stray, reason: error.description)
            }
        }
    }

    // MARK: - Files

    private func render(_ bytes: () throws -> [UInt8]) throws(SimulatorError) -> [UInt8] {
        do {
            return try bytes()
        } catch {
            throw .cannotWrite(path: configuration.root, reason: "cannot render an answer: \(error)")
        }
    }

    private func list(_ folder: String) throws(SimulatorError) -> Set<String> {
        do {
            return Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        } catch {
            throw .folderUnusable(path: folder, reason: error.localizedDescription)
        }
    }

    private func remove(_ files: [String], from folder: String) throws(SimulatorError) {
        for file in files {
            let path = folder + "/" + file
            guard unlink(path) == 0 || errno == ENOENT else {
                throw .cannotRemove(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }
}
