import BatchFormat
import Foundation
import Glibc
import PlatformSimulation
import SafeXML
import Testing
import TestSupport

@Suite("Running as a service")
struct RunLoopTests {
    /// Polls `condition` every 50 ms until it holds or `timeout` passes.
    static func waitUntil(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    @Test("a second simulator cannot take a state folder in use")
    func stateFolderLocked() throws {
        let fixture = try SimulatorFixture()
        let first = try fixture.simulator()
        #expect(throws: SimulatorError.self) { _ = try fixture.simulator() }
        withExtendedLifetime(first) {}
    }

    @Test("run(pollInterval:) answers submissions as they come and stops when cancelled")
    func runLoop() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let seen = VerdictLog()
        let loop = Task { try await simulator.run(pollInterval: .milliseconds(50), stopSignals: []) { seen.append($0) } }
        try fixture.submit(try fixture.name(sequence: 1), documents: [FIText.simple])
        #expect(try await Self.waitUntil { try fixture.answers(in: "OUTTEST").count == 2 })
        try fixture.submit(try fixture.name(sequence: 2), documents: [FIText.simple])
        #expect(try await Self.waitUntil { try fixture.answers(in: "OUTTEST").count == 4 })
        loop.cancel()
        try await loop.value
        #expect(seen.lines.count == 2)
        #expect(seen.lines.allSatisfy { $0.contains("accepted") })
    }

    @Test("the platform-simulator executable judges once and prints one line per submission")
    func commandOnce() throws {
        let fixture = try SimulatorFixture()
        try fixture.submit(try fixture.name(sequence: 1), documents: [FIText.simple])
        try fixture.submit(try fixture.name(sequence: 2, sender: "654321"), documents: [FIText.simple])
        let result = try Command.check(try Self.executable(), Self.arguments(fixture) + ["--once"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines[0].hasPrefix("INTEST/GO.FLAX.123456.\(fixture.today.compact).00001.T.1 → accepted 038"))
        #expect(lines[1].hasPrefix("INTEST/GO.FLAX.654321.\(fixture.today.compact).00002.T.1 → rejected"))
        #expect(lines[1].hasSuffix("ACRF-108"))
        #expect(try fixture.answers(in: "OUTTEST").map(\.type) == ["ACRF", "NOTI", "ACRF"])
    }

    @Test("the executable refuses a bad sender number with a clear message")
    func commandValidation() throws {
        let fixture = try SimulatorFixture()
        var arguments = Self.arguments(fixture)
        arguments[try #require(arguments.firstIndex(of: "123456"))] = "12AB56"
        let result = try Command.run(try Self.executable(), arguments + ["--once"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("sender"))
    }

    @Test("the executable polls until SIGTERM, then exits 0")
    func commandStopsOnSIGTERM() async throws {
        let fixture = try SimulatorFixture()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = Self.arguments(fixture) + ["--poll-ms", "50", "--skip-notification"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try fixture.submit(try fixture.name(), documents: [FIText.simple])
        // The folders exist only once the process has started.
        #expect(try await Self.waitUntil { (try? fixture.answers(in: "OUTTEST"))?.count == 1 })
        kill(process.processIdentifier, SIGTERM)
        #expect(try await Self.waitUntil(timeout: .seconds(5)) { !process.isRunning })
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("→ accepted"))
    }

    @Test("behind a real sshd: an OpenSSH sftp client uploads a triplet and downloads the answers")
    func throughSSHD() async throws {
        let server = try SSHServer()
        let key = try server.makeClientKey(type: "ed25519")
        let knownHosts = try server.writeKnownHosts()
        let state = try TemporaryDirectory("platform-sim-state")
        let unusedCA = try state.write("ca.pem", "unused in test\n")
        let configuration = SimulatorConfiguration(
            root: server.root.path, accountSender: try SenderNumber("123456"), flowCode: try FlowCode("FLAX"),
            trustedCertificates: unusedCA.path, platformSender: try SenderNumber("999999"),
            stateFolder: state.file("memory").path)
        let simulator = try PlatformSimulator(configuration: configuration)
        let loop = Task { try await simulator.run(pollInterval: .milliseconds(50), stopSignals: []) }
        defer { loop.cancel() }

        let work = try TemporaryDirectory("sftp-client")
        let name = try SubmissionName(flow: FlowCode("FLAX"), sender: SenderNumber("123456"), date: .today(),
                                      sequence: 9, environment: .test)
        let data = try work.write("data.xml", FIText.simple)
        let empty = try work.write("empty", "")
        // As a careful client does: upload under a hidden name, rename, GO last.
        let upload = try work.write("upload", """
            put \(data.path) INTEST/.\(name.fi().text).part
            rename INTEST/.\(name.fi().text).part INTEST/\(name.fi().text)
            put \(empty.path) INTEST/\(name.go.text)

            """)
        let options = ["-q", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                       "-o", "UserKnownHostsFile=\(knownHosts)", "-i", key.privateKeyPath, "-P", String(server.port)]
        let destination = "\(server.user)@\(server.host)"
        try Command.check("sftp", options + ["-b", upload.path, destination])

        #expect(try await Self.waitUntil {
            let names = try FileManager.default.contentsOfDirectory(atPath: server.file("OUTTEST").path)
            return names.filter { $0.hasPrefix("GO.") }.count == 2
        })
        let listing = try Command.check("sftp", options + ["-b", try work.write("list", "ls -1 OUTTEST\n").path, destination])
        let answerNames = listing.stdout.split(whereSeparator: \.isNewline).map { String($0.split(separator: "/").last ?? "") }
            .filter { $0.hasPrefix("FO.") }.sorted()
        #expect(answerNames.count == 2)
        let fetch = answerNames.map { "get OUTTEST/\($0) \(work.path)/\($0)" }.joined(separator: "\n") + "\n"
        try Command.check("sftp", options + ["-b", try work.write("fetch", fetch).path, destination])
        let acrfName = try #require(answerNames.first { $0.hasPrefix("FO.ACRF.") })
        let acrf = try XMLElement.parse(fileAt: work.file(acrfName).path)
        #expect(acrf.descendant("Form", "FileReference", "FileName")?.text == name.go.text)
        #expect(acrf.descendant("Form", "ReceptionResult", "ResultCode")?.text == "1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.file("INTEST").path).isEmpty)
        loop.cancel()
        try await loop.value
    }

    private static func arguments(_ fixture: SimulatorFixture) -> [String] {
        ["--root", fixture.root, "--sender", "123456", "--flow", "FLAX", "--ca", fixture.trustedCertificates,
         "--state", fixture.stateFolder]
    }

    /// The `platform-simulator` product, built next to the test bundle by `swift test`.
    static func executable() throws -> String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("platform-simulator").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw FixtureError("platform-simulator not found near \(CommandLine.arguments[0]): build the package first")
    }
}

/// Verdict lines heard from a run loop, from whatever thread reports them.
final class VerdictLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ verdict: SubmissionVerdict) { lock.withLock { stored.append(verdict.description) } }
    var lines: [String] { lock.withLock { stored } }
}
