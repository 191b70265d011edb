import BatchFormat
import Foundation
import Journal
import PlatformSimulation
import Synchronization
import Testing
import TestSupport

/// One channel end to end, all real: an OpenSSH sshd, the platform simulator judging what lands in
/// its SFTP root (in this process), and the `fladaemon run` binary spawned with its own spool, journal
/// and configuration in a temporary folder. Optionally a `TCPProxy` sits between daemon and sshd so a
/// test can stall or cut the connection mid-upload.
///
/// Use through `DaemonHarness.with { harness in ... }`, which stops everything it started afterwards.
final class DaemonHarness: @unchecked Sendable {
    static let sender = "123456"
    static let flow = "FLAX"

    struct Options {
        /// Production circuit (IN/OUT, every FI signed) instead of the test circuit (INTEST/OUTTEST).
        var production = false
        /// The daemon connects through a `TCPProxy` in front of sshd.
        var throughProxy = false
        /// The SFTP server's own options.
        var server = SSHServer.Options()
        /// Adjusts the configuration before the first start.
        var configure: @Sendable (inout DaemonSettingsFile) -> Void = { _ in }
        /// How the simulated platform names its answers, and what else it does.
        var answerNameLength: BatchNameLength = .six
        var misbehaviour: Misbehaviour = .none
        /// In production, the platform signs its answers (its own PKI) and the daemon is given its certificate.
        var platformSignsAnswers = false
        /// The spool root, or the journal's folder, on a tmpfs of this size (`2m`) that a test can fill.
        var spoolTmpfsSize: String?
        var journalTmpfsSize: String?
    }

    let directory: TemporaryDirectory
    let sshd: SSHServer
    let proxy: TCPProxy?
    let clientKey: SSHServer.ClientKey
    let pki: TestPKI?
    let executable: String
    let configPath: String
    let spool: String
    /// The tmpfs under the spool root and the journal, when the options asked for them.
    let spoolMount: TmpfsMount?
    let journalMount: TmpfsMount?
    /// The configuration last written to `configPath`.
    private(set) var settings: DaemonSettingsFile
    /// The platform folders the daemon's environment uses, relative to the SFTP root.
    let inFolder: String
    let outFolder: String

    private let verdictLog = VerdictLog()
    private var simulatorTask: Task<Void, Error>?
    private(set) var daemons: [DaemonProcess] = []
    private var openedJournal: Journal?

    /// The daemon started last.
    var daemon: DaemonProcess? { daemons.last }

    private init(options: Options) throws {
        executable = try Self.locateExecutable()
        directory = try TemporaryDirectory("daemon")
        sshd = try SSHServer(options: options.server)
        clientKey = try sshd.makeClientKey(type: "ed25519")
        proxy = options.throughProxy ? try TCPProxy(targetPort: sshd.port) : nil
        let spool = directory.file("spool").path, state = directory.file("state").path
        self.spool = spool
        spoolMount = try options.spoolTmpfsSize.map { try TmpfsMount(at: spool, size: $0) }
        journalMount = try options.journalTmpfsSize.map { try TmpfsMount(at: state, size: $0) }
        configPath = directory.file("fladaemon.yaml").path
        inFolder = options.production ? "IN" : "INTEST"
        outFolder = options.production ? "OUT" : "OUTTEST"

        let trusted: String
        if options.production {
            let made = try TestPKI.make(in: directory.file("pki").path, keyType: .ec)
            pki = made
            trusted = made.caCertificate
        } else {
            pki = nil  // the test circuit takes no signature; the simulator only needs the file to exist
            trusted = try directory.write("unused-ca.pem", "no certificate needed in test\n").path
        }
        var settings = DaemonSettingsFile(
            environment: options.production ? "production" : "test", spoolRoot: spool,
            journalPath: directory.file("state/journal.sqlite").path, sftpPort: proxy?.port ?? sshd.port,
            sftpUser: sshd.user, privateKey: clientKey.privateKeyPath, hostFingerprint: sshd.hostKeyFingerprints[0])
        if let pki { settings.signing = (pki.certificate, pki.privateKey) }
        var platformSigning: SigningIdentity?
        if options.production && options.platformSignsAnswers {
            let platform = try TestPKI.make(in: directory.file("platform-pki").path, keyType: .ec, commonName: "simulated platform")
            platformSigning = try SigningIdentity.load(certificate: platform.certificate, privateKey: platform.privateKey)
            settings.platformCertificate = platform.caCertificate
        }
        options.configure(&settings)
        self.settings = settings
        try writeConfiguration(settings)

        let simulator = try PlatformSimulator(configuration: SimulatorConfiguration(
            root: sshd.root.path, accountSender: try SenderNumber(Self.sender), flowCode: try FlowCode(Self.flow),
            trustedCertificates: trusted, platformSender: try SenderNumber("999999"),
            stateFolder: directory.file("simulator-state").path, misbehaviour: options.misbehaviour,
            answerNameLength: options.answerNameLength, platformSigning: platformSigning))
        let log = verdictLog
        // No stop signals: the test process's own signal handling stays untouched; cancelling stops it.
        simulatorTask = Task {
            try await simulator.run(pollInterval: .milliseconds(100), stopSignals: []) { log.append($0) }
        }
    }

    /// Runs `body` with a fresh harness, then stops the daemon(s), the simulator, the proxy and sshd.
    static func with<T>(_ options: Options = Options(), _ body: (DaemonHarness) async throws -> T) async throws -> T {
        let harness = try DaemonHarness(options: options)
        do {
            let result = try await body(harness)
            await harness.shutDown()
            return result
        } catch {
            await harness.shutDown()
            throw error
        }
    }

    private func shutDown() async {
        for daemon in daemons { daemon.kill() }
        simulatorTask?.cancel()
        _ = await simulatorTask?.result
        proxy?.stop()
        sshd.stop()
        spoolMount?.unmount()
        journalMount?.unmount()
    }

    // MARK: - The daemon

    /// Writes the configuration file the daemon reads (at start and on SIGHUP).
    func writeConfiguration(_ settings: DaemonSettingsFile) throws {
        self.settings = settings
        try writeConfiguration(text: settings.yaml)
    }

    /// Writes any text as the configuration, e.g. a broken one.
    func writeConfiguration(text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath), options: .atomic)
    }

    /// Spawns `fladaemon run` with a clean environment (plus `environment`); standard output and error
    /// go to `daemon-N.log`. With `standardErrorIsJournal`, `JOURNAL_STREAM` names that file, as
    /// systemd does when it connects standard error to the journal, so the daemon logs to journald.
    @discardableResult
    func startDaemon(environment extra: [String: String] = [:], arguments: [String] = [],
                     standardErrorIsJournal: Bool = false) throws -> DaemonProcess {
        if let daemon, daemon.isRunning { throw HarnessError("a daemon is still running (pid \(daemon.processID))") }
        let logPath = directory.file("daemon-\(daemons.count + 1).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        var environment = commandEnvironment
        if standardErrorIsJournal {
            var info = stat()
            guard stat(logPath, &info) == 0 else { throw HarnessError("cannot stat \(logPath)") }
            environment["JOURNAL_STREAM"] = "\(info.st_dev):\(info.st_ino)"
        }
        environment.merge(extra) { $1 }
        let daemon = try DaemonProcess(executable: executable,
                                       arguments: ["run", "--config", configPath] + arguments,
                                       environment: environment, logPath: logPath)
        daemons.append(daemon)
        return daemon
    }

    /// A clean environment for the binary: nothing of the test process leaks into it.
    var commandEnvironment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": directory.path]
    }

    /// Spawns another `fladaemon run` on this configuration while one runs; the caller keeps it (it is
    /// not the harness's `daemon`, and is killed when dropped).
    func startCompetingDaemon() throws -> DaemonProcess {
        let logPath = directory.file("competing-daemon-\(UUID().uuidString.prefix(6)).log").path
        return try DaemonProcess(executable: executable, arguments: ["run", "--config", configPath],
                                 environment: commandEnvironment, logPath: logPath)
    }

    /// Runs `fladaemon ARGUMENTS --config <this configuration>` to its end.
    func command(_ arguments: String...) throws -> CommandResult {
        try Command.run(executable, arguments + ["--config", configPath], environment: commandEnvironment)
    }

    /// Waits for the "ready" line on standard error (the spool is watched from then on).
    func waitUntilReady(_ daemon: DaemonProcess) async throws {
        try await eventually("the daemon says it is ready") {
            if let ended = daemon.termination { throw HarnessError("the daemon \(ended) at start:\n\(daemon.log)") }
            return daemon.log.contains("ready: watching")
        }
    }

    /// Starts the daemon and waits until it is ready.
    @discardableResult
    func startReadyDaemon(environment: [String: String] = [:], arguments: [String] = []) async throws -> DaemonProcess {
        let daemon = try startDaemon(environment: environment, arguments: arguments)
        try await waitUntilReady(daemon)
        return daemon
    }

    /// SIGTERM, then the exit within `bound`.
    func stopDaemon(within bound: Duration = .seconds(15)) async throws -> ProcessTermination {
        guard let daemon else { throw HarnessError("no daemon was started") }
        daemon.send(SIGTERM)
        guard let ended = await daemon.waitForExit(timeout: bound) else {
            daemon.kill()
            throw HarnessError("the daemon did not exit within \(bound) of SIGTERM:\n\(logTail())")
        }
        return ended
    }

    /// SIGKILLs `daemon` the moment `condition` holds for the journal, polled every millisecond on a
    /// thread of its own (a window of a few milliseconds must not depend on the test's scheduling).
    /// Returns false if `condition` did not hold within `timeout` (the daemon is killed anyway).
    func kill(_ daemon: DaemonProcess, when condition: @escaping @Sendable (Journal) throws -> Bool,
              timeout: Duration = .seconds(30)) async throws -> Bool {
        let journal = try journal()
        return try await Self.onThread {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if try condition(journal) {
                    daemon.kill()
                    return true
                }
                usleep(1000)
            }
            daemon.kill()
            return false
        }
    }

    /// Everything every daemon of this test wrote on its standard output and error.
    var log: String { daemons.map(\.log).joined(separator: "\n") }

    func logTail(_ lines: Int = 40) -> String {
        log.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Lines of the logs containing `text`.
    func logLines(containing text: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(text) }.map(String.init)
    }

    // MARK: - Dropping files

    enum DropMethod {
        /// Written elsewhere on the same file system, then renamed into `incoming/`.
        case renamedIn
        /// Written under its final name in `incoming/`: four pieces appended 50 ms apart, each by its own
        /// open and close (keep `settle_ms` well above the pauses).
        case writtenInPlaceSlowly
        /// Copied into `incoming/` as `<name>.part`, then renamed to its final name.
        case copiedAsPartThenRenamed
    }

    var incoming: String { spool + "/incoming" }

    func drop(_ name: String, _ contents: String, by method: DropMethod = .renamedIn) async throws {
        let bytes = Data(contents.utf8)
        let target = incoming + "/" + name
        switch method {
        case .renamedIn:
            let staging = directory.file("staging").path
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let written = staging + "/" + name
            try bytes.write(to: URL(fileURLWithPath: written))
            try Self.rename(written, to: target)
        case .copiedAsPartThenRenamed:
            let part = target + ".part"
            try bytes.write(to: URL(fileURLWithPath: part))
            // The daemon must leave a .part alone however long it sits there.
            try await Task.sleep(for: .milliseconds(400))
            try Self.rename(part, to: target)
        case .writtenInPlaceSlowly:
            try await Self.onThread { try Self.appendSlowly(bytes, to: target) }
        }
    }

    /// Writes `name` into `incoming/` under a hidden name the daemon ignores, for `reveal` to rename it
    /// in later: a spool on its own file system (a tmpfs) takes no rename from elsewhere.
    func placeHidden(_ name: String, _ contents: String) throws {
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: incoming + "/." + name))
    }

    /// Renames a file `placeHidden` wrote to its own name: the drop.
    func reveal(_ name: String) throws {
        try Self.rename(incoming + "/." + name, to: incoming + "/" + name)
    }

    /// Four pieces appended 50 ms apart, each by its own open/write/close as a script's `>>` does: every
    /// close is an inotify close-write the daemon sees. Plain calls, as Foundation's file creation
    /// writes atomically (temporary + rename), which would be a rename-in. Runs on a thread of its own:
    /// the pauses must not stretch while the test process's cooperative threads are busy elsewhere.
    private static func appendSlowly(_ bytes: Data, to target: String) throws {
        let pieces = 4
        let size = (bytes.count + pieces - 1) / pieces
        for (index, start) in stride(from: 0, to: bytes.count, by: size).enumerated() {
            let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (index == 0 ? O_EXCL : 0)
            let fd = Glibc.open(target, flags, 0o644)
            guard fd >= 0 else { throw HarnessError("cannot open \(target): \(String(cString: strerror(errno)))") }
            // Cut mid-line: a file taken too early would be refused, not silently shortened.
            let piece = bytes[start..<min(bytes.count, start + size)]
            let written = piece.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == piece.count else { throw HarnessError("short write to \(target)") }
            usleep(50_000)
        }
    }

    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    private static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw HarnessError("rename \(from) → \(to): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: - Reading back

    /// The daemon's SQLite journal, opened from this process (the daemon may be running).
    func journal() throws -> Journal {
        if let openedJournal { return openedJournal }
        let journal = try Journal(path: settings.journalPath)
        openedJournal = journal
        return journal
    }

    /// The journal file and the files SQLite keeps beside it.
    var journalFiles: [String] { ["", "-wal", "-shm"].map { settings.journalPath + $0 } }

    /// Closes this process's hold on the journal, so its file can be deleted or replaced as an operator
    /// would (with no daemon running); the next read opens it again (creating it if missing).
    func forgetJournal() { openedJournal = nil }

    /// Deletes the journal as a lost disk would: its file and the files beside it.
    func deleteJournal() throws {
        forgetJournal()
        for file in journalFiles where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    /// Copies the journal (no daemon running) into `folder`, as a backup.
    func backUpJournal(to folder: String) throws {
        forgetJournal()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in journalFiles.dropLast() where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.copyItem(atPath: file, toPath: folder + "/" + (file as NSString).lastPathComponent)
        }
    }

    /// Puts back the journal `backUpJournal(to:)` copied into `folder`, in place of the current one.
    func restoreJournal(from folder: String) throws {
        try deleteJournal()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let directory = (settings.journalPath as NSString).deletingLastPathComponent
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: directory + "/" + name)
        }
    }

    func exports() throws -> [ExportRecord] { try journal().exports() }
    func submissions() throws -> [SubmissionRecord] { try journal().submissions() }

    /// `exportName` is converted and its original is in its archive folder.
    func isArchived(_ exportName: String) throws -> Bool {
        guard let export = try exports().first(where: { $0.sourceFile == exportName }) else { return false }
        return export.state == .converted && export.storedPath.hasPrefix("\(spool)/archive/")
    }

    /// Every verdict the platform simulator gave, in order.
    var verdicts: [SubmissionVerdict] { verdictLog.all }

    /// Names in a folder of the SFTP root (`IN`, `OUTTEST`...), hidden ones included.
    func remoteFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sshd.file(folder).path)) ?? []).sorted()
    }

    /// Names in a folder of the spool (`incoming`, `failed`...).
    func spoolFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/" + folder)) ?? []).sorted()
    }

    /// Polls `condition` until it holds; on timeout, throws with what the journal and logs show.
    func eventually(_ what: String, timeout: Duration = .seconds(30), poll: Duration = .milliseconds(100),
                    _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try condition() { return }
            guard ContinuousClock.now < deadline else {
                throw HarnessError("timed out after \(timeout) waiting until \(what)\n\(stateSummary())")
            }
            try await Task.sleep(for: poll)
        }
    }

    /// Waits until `count` exports are known and nothing is left to do: every export past `received`,
    /// every submission final, nothing of ours left in the platform's IN or OUT folder.
    func waitUntilSettled(exports count: Int, timeout: Duration = .seconds(45)) async throws {
        try await eventually("\(count) export(s) settled", timeout: timeout) {
            let exports = try exports()
            let submissions = try submissions()
            return exports.count == count && exports.allSatisfy { $0.state != .received }
                && submissions.allSatisfy(\.state.isFinal)
                && remoteFiles(in: inFolder).isEmpty && remoteFiles(in: outFolder).isEmpty
        }
    }

    /// The journal's exports and submissions, the simulator's verdicts, the platform folders and the
    /// end of the daemon's log: what a failed wait needs to be understood.
    func stateSummary() -> String {
        var lines: [String] = []
        if let exports = try? exports() {
            lines += exports.map { "export \($0.id ?? 0) \($0.sourceFile): \($0.state.rawValue) \($0.detail ?? "")" }
        }
        if let submissions = try? submissions() {
            lines += submissions.map { "submission \($0.id ?? 0) \($0.goName): \($0.state.rawValue) \($0.detail ?? "")" }
        }
        lines += verdicts.map { "verdict \($0)" }
        lines.append("\(inFolder): \(remoteFiles(in: inFolder))")
        lines.append("\(outFolder): \(remoteFiles(in: outFolder))")
        lines.append("incoming: \(spoolFiles(in: "incoming")), failed: \(spoolFiles(in: "failed"))")
        lines.append("daemon(s): \(daemons.map { $0.termination?.description ?? "running" })")
        lines.append("log tail:\n\(logTail())")
        return lines.joined(separator: "\n")
    }

    // MARK: - Holding an upload mid-way

    /// Bytes relayed before the proxy stalls: past the SSH handshake and a few small submissions,
    /// well inside the FI of a `largeExport`.
    static let stallThreshold = 150_000

    /// An export whose FI is several times `stallThreshold`.
    static let largeExportRecords = 3000

    /// Makes the proxy stop relaying once `stallThreshold` more bytes went through.
    func armStall() throws {
        guard let proxy else { throw HarnessError("this harness was made without a proxy") }
        stallArmedAt = proxy.bytesForwarded
        proxy.stallAfter(bytes: Self.stallThreshold)
    }

    private var stallArmedAt = 0

    /// Waits until the upload of `exportName`'s FI hangs mid-way: the submission is `uploading`, its
    /// FI recorded as being written, a partial temporary file on the server, the proxy stalled.
    @discardableResult
    func waitForStalledUpload(of exportName: String) async throws -> SubmissionRecord {
        guard let proxy else { throw HarnessError("this harness was made without a proxy") }
        var found: SubmissionRecord?
        try await eventually("the upload of \(exportName) hangs mid-way") {
            guard let export = try exports().first(where: { $0.sourceFile == exportName }),
                  let submission = try journal().submissions(exportID: export.id).first,
                  submission.state == .uploading else { return false }
            let steps = try journal().uploadSteps(of: submission.id ?? 0)
            let writing = steps.contains { $0.fileName.hasPrefix("FI.") && $0.step == .writing }
            let partial = remoteFiles(in: inFolder).contains { $0.hasPrefix("tmp-FI.") }
            found = submission
            return writing && partial && proxy.bytesForwarded >= stallArmedAt + Self.stallThreshold
        }
        guard let found else { throw HarnessError("no submission for \(exportName)") }
        let fi = try journal().files(of: found.id ?? 0).first { $0.kind == .fi }
        // Otherwise the stall could not be inside this FI, and the test would prove nothing.
        guard let fi, fi.byteCount > Int64(Self.stallThreshold * 2) else {
            throw HarnessError("the FI of \(exportName) is too small to hold the stall: \(fi?.byteCount ?? 0) bytes")
        }
        return found
    }

    // MARK: - End-state checks

    /// Each export in `sourceFiles` was converted once, each of its submissions was accepted, the
    /// platform judged each GO exactly once and nothing else, nothing is left on the server (no `tmp-`
    /// file, no answer), and the spool holds the triplet of each submission in its archive folder.
    func expectDeliveredExactlyOnce(_ sourceFiles: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let exports = try exports().filter { $0.state == .converted }
        #expect(exports.map(\.sourceFile).sorted() == sourceFiles.sorted(), sourceLocation: sourceLocation)
        let submissions = try submissions()
        let converted = Set(exports.compactMap(\.id))
        let ours = submissions.filter { converted.contains($0.exportID) }
        #expect(!ours.isEmpty, sourceLocation: sourceLocation)
        for submission in ours {
            #expect(submission.state == .accepted, "\(submission.goName): \(submission.state)", sourceLocation: sourceLocation)
        }
        // Exactly one GO per submission reached the platform, and nothing else did.
        let judged = verdicts.map(\.fileName).sorted()
        #expect(judged == submissions.map(\.goName).sorted(), sourceLocation: sourceLocation)
        let allAccepted = verdicts.allSatisfy(\.isAccepted)
        #expect(allAccepted, "\(verdicts)", sourceLocation: sourceLocation)
        #expect(remoteFiles(in: inFolder).isEmpty, "left in \(inFolder): \(remoteFiles(in: inFolder))",
                sourceLocation: sourceLocation)
        #expect(remoteFiles(in: outFolder).isEmpty, sourceLocation: sourceLocation)
        try expectArchived(ours, sourceLocation: sourceLocation)
    }

    /// `archive/<export>/` holds the original, and `archive/<export>/<GO>/` that submission's FI, FS, GO.
    func expectArchived(_ submissions: [SubmissionRecord], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let journal = try journal()
        for submission in submissions {
            guard let export = try journal.export(submission.exportID) else {
                Issue.record("no export \(submission.exportID)", sourceLocation: sourceLocation)
                continue
            }
            let exportFolder = "\(spool)/archive/\(submission.exportID)"
            #expect(export.storedPath == "\(exportFolder)/\(export.sourceFile)", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: export.storedPath), sourceLocation: sourceLocation)
            let folder = "\(exportFolder)/\(submission.goName)"
            #expect(submission.directory == folder, sourceLocation: sourceLocation)
            let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            let recorded = try journal.files(of: submission.id ?? 0)
            let kinds = Set(recorded.map(\.kind))
            let expectedKinds: Set<SubmissionFileRecord.Kind> = pki == nil ? [.fi, .go] : [.fi, .fs, .go]
            #expect(kinds == expectedKinds, sourceLocation: sourceLocation)
            for file in recorded {
                #expect(present.contains(file.name), "\(file.name) missing from \(folder): \(present.sorted())",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// No national number of the sample exports appears in clear in anything the daemon(s) wrote.
    func expectNoClearNationalNumber(in text: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = text ?? log
        for form in SampleExport.clearForms {
            #expect(!text.contains(form), "\(form) in clear", sourceLocation: sourceLocation)
        }
    }

    /// No file in the spool's `work/` folder: everything claimed was archived or set aside.
    func expectWorkFolderEmpty(sourceLocation: SourceLocation = #_sourceLocation) {
        let enumerator = FileManager.default.enumerator(atPath: spool + "/work")
        var files: [String] = []
        while let entry = enumerator?.nextObject() as? String {
            if enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.append(entry) }
        }
        #expect(files.isEmpty, "left in work/: \(files)", sourceLocation: sourceLocation)
    }

    // MARK: - The binary

    /// `fladaemon` built beside this test bundle (any scratch path), else the package's `.build/debug`.
    static func locateExecutable() throws -> String {
        var candidates: [String] = []
        if let given = ProcessInfo.processInfo.environment["FLADAEMON_EXECUTABLE"] { candidates.append(given) }
        if let bundle = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(((bundle as NSString).deletingLastPathComponent as NSString).appendingPathComponent("fladaemon"))
        }
        let argument0 = CommandLine.arguments.first ?? ""
        if argument0.contains("/") {
            candidates.append(((argument0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("fladaemon"))
        }
        // Tests/DaemonTests/DaemonHarness.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        candidates.append(root + "/.build/debug/fladaemon")
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HarnessError("no fladaemon binary found (build it first: swift build); looked at \(candidates)")
        }
        return found
    }
}

/// The simulator reports verdicts from its own task.
private final class VerdictLog: Sendable {
    private let storage = Mutex<[SubmissionVerdict]>([])
    func append(_ verdict: SubmissionVerdict) { storage.withLock { $0.append(verdict) } }
    var all: [SubmissionVerdict] { storage.withLock { $0 } }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
