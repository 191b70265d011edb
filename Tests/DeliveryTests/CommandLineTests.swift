import BatchFormat
import Foundation
import Journal
import PlatformSimulation
import Testing
import TestSupport

/// The real `fladaemon` binary, configured by YAML to reach the sshd with a pinned host key:
/// `convert`, `push`, then `fetch` after the platform answered (with one stray answer).
@Suite struct CommandLineTests {
    @Test func pushAndFetchReportTheirWorkAndFetchFailsOnAnUnmatchedAnswer() async throws {
        let fixture = try DeliveryFixture()
        let binary = try Self.executable("fladaemon")
        let spool = fixture.directory.file("spool").path
        let journalPath = fixture.directory.file("cli-journal.sqlite").path
        let config = try Self.writeConfig(in: fixture.directory, journal: journalPath, spool: spool, more: """
            sftp:
              host: \(fixture.server.host)
              port: \(fixture.server.port)
              user: \(fixture.server.user)
              private_key: \(fixture.key.privateKeyPath)
              host_fingerprints: ["\(fixture.server.hostKeyFingerprints[0])"]
              connect_timeout_seconds: 20
              operation_timeout_seconds: 20
            results:
              remote_after_download: delete

            """)
        func fladaemon(_ arguments: String...) throws -> CommandResult {
            try Command.run(binary, arguments + ["--config", config], environment: Self.cleanEnvironment)
        }

        let export = try fixture.directory.write("rights.csv", ExportCSV.rights(3, tag: "CLI")).path
        let convert = try fladaemon("convert", export, "--out", fixture.directory.file("prepared").path)
        #expect(convert.status == 0, "\(convert.stdout)\(convert.stderr)")

        let push = try fladaemon("push")
        #expect(push.status == 0, "\(push.stderr)")
        let journal = try Journal(path: journalPath)
        let submission = try #require(try journal.submissions().first)
        #expect(push.stdout.contains("submission \(submission.id!): sent \(submission.goName)"), "\(push.stdout)")
        #expect(try fixture.remoteNames("INTEST").contains(submission.goName))

        let verdicts = try await fixture.judge(Misbehaviour(unmatchedAnswer: true))
        #expect(verdicts.map(\.isAccepted) == [true])
        let stray = try #require(verdicts.first?.answerFiles.last { $0.hasPrefix("FO.ACRF.") })

        let fetch = try fladaemon("fetch")
        #expect(fetch.status == 1, "\(fetch.stdout)\(fetch.stderr)")
        #expect(fetch.stdout.contains("3 answer(s) downloaded from OUTTEST"), "\(fetch.stdout)")
        #expect(fetch.stdout.contains("\(stray): unmatched -> no submission"), "\(fetch.stdout)")
        #expect(fetch.stdout.contains("now accepted"), "\(fetch.stdout)")
        #expect(fetch.stdout.contains("2 answer(s) removed on the server"), "\(fetch.stdout)")
        #expect(fetch.stderr.contains("1 answer(s) matched none of our submissions: kept in \(spool)/archive/answers"),
                "\(fetch.stderr)")
        #expect(try journal.submission(submission.id!)?.state == .accepted)
        let strayGO = try BatchFileName(parsing: stray).commitName.text
        #expect(try fixture.remoteNames("OUTTEST") == [stray, strayGO].sorted())
        #expect(FileManager.default.fileExists(atPath: "\(spool)/archive/answers/\(stray)"))

        // Nothing new: the stray answer is already on record, so the run succeeds.
        let again = try fladaemon("fetch")
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("0 answer(s) downloaded"), "\(again.stdout)")
        #expect(try fixture.remoteNames("OUTTEST") == [stray, strayGO].sorted())
    }

    /// `convert --out` naming a file (or a folder inside one) is refused in plain words, before the export
    /// is read or recorded; a folder that is missing is made.
    @Test func convertRefusesAnOutputPathThatIsAFile() throws {
        let directory = try TemporaryDirectory("cli-out")
        let binary = try Self.executable("fladaemon")
        let journalPath = directory.file("journal.sqlite").path
        let config = try Self.writeConfig(in: directory, journal: journalPath, spool: directory.file("spool").path)
        let export = try directory.write("rights.csv", ExportCSV.rights(1, tag: "OUT")).path
        let file = try directory.write("not-a-folder", "kept as it is").path
        func convert(out: String) throws -> CommandResult {
            try Command.run(binary, ["convert", export, "--out", out, "--config", config], environment: Self.cleanEnvironment)
        }

        let onFile = try convert(out: file)
        #expect(onFile.status != 0)
        #expect(onFile.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            == "Error: --out \(file): is a file, not a folder; name a folder (it is created if missing)")
        let below = try convert(out: file + "/prepared")
        #expect(below.status != 0)
        #expect(below.stderr.contains("--out \(file)/prepared: \(file) is a file, so no folder can be made in it;"),
                "\(below.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "kept as it is")
        #expect(!FileManager.default.fileExists(atPath: journalPath), "nothing recorded")

        let made = try convert(out: directory.file("new/prepared").path)
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
    }

    /// `fladaemon.yaml` in `directory`: the test channel, the journal and spool given, then `more` (YAML).
    static func writeConfig(in directory: TemporaryDirectory, journal: String, spool: String,
                            more: String = "") throws -> String {
        try directory.write("fladaemon.yaml", """
            channel:
              sender: "\(DeliveryFixture.sender)"
              flow: "\(DeliveryFixture.flow)"
              environment: test
              quality: employer
              declarant_bce: "0403170701"
            journal:
              path: \(journal)
            spool:
              root: \(spool)

            """ + more).path
    }

    /// This process's environment without `FLADAEMON_*` overrides or systemd credentials.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FLADAEMON_") && $0.key != "CREDENTIALS_DIRECTORY" }
    }

    /// A product built next to the test bundle by `swift test`.
    static func executable(_ name: String) throws -> String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw FixtureError("\(name) not found near \(CommandLine.arguments[0]): build the package first")
    }
}
