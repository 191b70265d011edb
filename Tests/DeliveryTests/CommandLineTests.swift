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
        let config = try Self.sftpConfiguration(fixture, journal: journalPath)
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

    /// The duplicate check and the registration of the export are one: four `convert` of one file
    /// at once against one journal prepare it once; the others say why they did nothing.
    @Test func fourConvertsOfOneFileAtOnceAgainstOneJournalPrepareItOnce() async throws {
        let channel = try ConvertingChannel("parallel-convert")
        let export = try channel.directory.write("rights.csv", ExportCSV.rights(300, tag: "PARALLEL")).path
        let runs = try (0..<4).map { index in
            try channel.startConvert(export, out: channel.directory.file("out-\(index)").path, log: "convert-\(index).log")
        }
        var endings: [ProcessTermination] = []
        for run in runs { endings.append(await run.waitForExit(timeout: .seconds(120)) ?? run.kill()) }

        let journal = try Journal(path: channel.journalPath)
        let submissions = try journal.submissions()
        #expect(submissions.count == 1, "\(submissions.map(\.goName))")
        #expect(try journal.exports().map(\.state) == [.converted])
        #expect(endings.filter { $0 == .exited(0) }.count == 1, "\(endings)")
        for (run, ending) in zip(runs, endings) where ending != .exited(0) {
            #expect(ending == .exited(1))
            #expect(run.log.contains("this content was already converted as export 1")
                        || run.log.contains("is still working on this channel"), "\(run.log)")
        }
    }

    /// A conversion killed mid-way leaves its staging folder in `--out DIR`; the next conversion
    /// (of any export) clears it, and the killed export converts normally when given again.
    @Test func aConversionKilledMidWayLeavesNoStagingBehindTheNextOne() async throws {
        let channel = try ConvertingChannel("killed-convert")
        let large = try channel.directory.write("large.csv", ExportCSV.rights(150_000, tag: "LARGE")).path
        let out = channel.directory.file("out").path
        let staging = out + "/.staging/export-1"

        let run = try channel.startConvert(large, out: out, log: "large.log")
        let deadline = ContinuousClock.now + .seconds(120)
        while run.isRunning, ContinuousClock.now < deadline,
              ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).isEmpty {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(run.kill() == .signalled(SIGKILL), "the conversion ended before it could be killed: \(run.log)")
        try #require(!((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).isEmpty,
                     "nothing staged when killed")

        let small = try channel.convert(try channel.directory.write("small.csv", ExportCSV.rights(3, tag: "SMALL")).path, out: out)
        #expect(small.status == 0, "\(small.stdout)\(small.stderr)")
        #expect(!FileManager.default.fileExists(atPath: staging), "left: \((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [])")
        let again = try channel.convert(large, out: out)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out + "/.staging")) ?? []).isEmpty)
        let journal = try Journal(path: channel.journalPath)
        #expect(try journal.exports().map(\.state) == [.converted, .converted])
    }

    /// `--version` answers on the command and on every subcommand, from the one place the version is kept.
    @Test func everyCommandTellsItsVersion() throws {
        let binary = try Self.executable("fladaemon")
        let source = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/DeliveryTests/CommandLineTests.swift",
                                                                           with: "Sources/fladaemon/FladaemonVersion.swift"), encoding: .utf8)
        let version = try #require(source.firstMatch(of: /"(\d+\.\d+\.\d+)"/)?.1)
        for arguments in [["--version"], ["status", "--version"], ["reprocess", "--version"]] {
            let result = try Command.run(binary, arguments, environment: Self.cleanEnvironment)
            #expect(result.status == 0 && result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(version),
                    "\(arguments): \(result.stdout)\(result.stderr)")
        }
    }

    /// What an administrator reads: `status` filtered by state, day and file name, `show` by id, by a file
    /// name or by ticket, and a clear error instead of an empty journal when the path is wrong.
    @Test func statusFiltersShowFindsAndAMissingJournalIsAnError() throws {
        let channel = try ConvertingChannel("admin-read")
        func run(_ arguments: String...) throws -> CommandResult {
            try Command.run(channel.binary, arguments + ["--config", channel.config], environment: Self.cleanEnvironment)
        }
        let missing = try run("status")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no journal at \(channel.journalPath)"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: channel.journalPath), "a read-only command created the journal")

        let out = channel.directory.file("out").path
        let converted = try channel.convert(try channel.directory.write("payroll-march.csv", ExportCSV.rights(2, tag: "ADM")).path, out: out)
        #expect(converted.status == 0, "\(converted.stderr)")
        let journal = try Journal(path: channel.journalPath)
        let submission = try #require(try journal.submissions().first)

        #expect(try run("status", "--state", "prepared").stdout.contains(submission.goName))
        #expect(try run("status", "--state", "accepted").stdout.contains("nothing matches"))
        #expect(try run("status", "--state", "converted").stdout.contains("payroll-march.csv"))
        #expect(try run("status", "--source", "payroll-*").stdout.contains(submission.goName))
        #expect(try run("status", "--source", "other-*").stdout.contains("nothing matches"))
        #expect(try run("status", "--since", "2999-01-01").stdout.contains("nothing matches"))
        #expect(try run("status", "--state", "sideways").status != 0)
        // A quarantined export needs attention until dismissed.
        let bad = try channel.convert(try channel.directory.write("broken.csv", "niss;employer_bce\n1;2\n").path, out: out)
        #expect(bad.status != 0)
        let quarantined = try #require(try journal.exports().first { $0.state == .quarantined })
        let attention = try run("status")
        #expect(attention.stdout.contains("needs attention") && attention.stdout.contains("export-\(quarantined.id!)"), "\(attention.stdout)")
        #expect(try run("dismiss", "export-\(quarantined.id!)", "--note", "the payroll team sends a corrected file").status == 0)
        #expect(!(try run("status").stdout.contains("needs attention")))

        let fi = try #require(try journal.files(of: submission.id!).first { $0.kind == .fi })
        for key in [String(submission.id!), submission.goName, fi.name] {
            let shown = try run("show", key)
            #expect(shown.status == 0 && shown.stdout.contains("submission \(submission.id!): \(submission.goName)"), "\(key): \(shown.stderr)")
        }
        #expect(try run("show", "GO.NOPE").status != 0)
        // The same, as JSON with stable field names.
        let statusJSON = try JSONSerialization.jsonObject(with: Data(try run("status", "--json").stdout.utf8)) as? [String: Any]
        #expect(statusJSON?["schema"] as? Int == 1)
        let listed = statusJSON?["submissions"] as? [[String: Any]]
        #expect(listed?.first?["name"] as? String == submission.goName)
        #expect(listed?.first?["state"] as? String == "prepared")
        #expect((statusJSON?["exports"] as? [[String: Any]])?.first?["file"] as? String == "payroll-march.csv")
        #expect(statusJSON?["needs_attention"] is [Any])
        let showJSON = try JSONSerialization.jsonObject(with: Data(try run("show", submission.goName, "--json").stdout.utf8)) as? [String: Any]
        #expect((showJSON?["submission"] as? [String: Any])?["export_id"] as? Int == Int(submission.exportID))
        #expect((showJSON?["files"] as? [String])?.contains(fi.name) == true)
        #expect((showJSON?["history"] as? [[String: Any]])?.first?["to"] as? String == "prepared")
        // --config and --instance name the same thing: one of them.
        let both = try run("status", "--instance", "employer")
        #expect(both.status != 0 && both.stderr.contains("--config and --instance"), "\(both.stderr)")
    }

    /// `convert --out` naming a file (or a folder inside one) is refused in plain words, before the export
    /// is read or recorded; a folder that is missing is made.
    @Test func convertRefusesAnOutputPathThatIsAFile() throws {
        let directory = try TemporaryDirectory("cli-out")
        let binary = try Self.executable("fladaemon")
        let journalPath = directory.file("journal.sqlite").path
        let config = try Self.configuration(in: directory, journal: journalPath).path
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

    /// Cancelling and retrying: a prepared submission is withdrawn here, a sent one is dropped by a TD
    /// file sent to the platform, a failed one goes out again; nothing handled is undone.
    @Test func cancelAndRetryPutThingsRightWithoutSendingTwice() async throws {
        let fixture = try DeliveryFixture()
        let binary = try Self.executable("fladaemon")
        let journalPath = fixture.directory.file("cli-journal.sqlite").path
        let config = try Self.sftpConfiguration(fixture, journal: journalPath)
        func fladaemon(_ arguments: String...) throws -> CommandResult {
            try Command.run(binary, arguments + ["--config", config], environment: Self.cleanEnvironment)
        }
        let out = fixture.directory.file("prepared").path
        for tag in ["WITHDRAWN", "SENT", "FAILED"] {
            let export = try fixture.directory.write("\(tag).csv", ExportCSV.rights(2, tag: tag)).path
            #expect(try fladaemon("convert", export, "--out", out).status == 0)
        }
        let journal = try Journal(path: journalPath)
        let all = try journal.submissions()
        let (withdrawn, sent, failed) = (all[0], all[1], all[2])

        // Prepared: withdrawn here, never sent.
        #expect(try fladaemon("cancel", String(withdrawn.id!), "--dry-run").stdout.contains("would withdraw"))
        #expect(try journal.submission(withdrawn.id!)?.state == .prepared)
        let cancelPrepared = try fladaemon("cancel", String(withdrawn.id!), "--note", "wrong year")
        #expect(cancelPrepared.status == 0, "\(cancelPrepared.stderr)")
        #expect(try journal.submission(withdrawn.id!)?.state == .cancelled)

        // Failed on our side: retried, then sent with the other one by push.
        try journal.transition(failed.id!, to: .failed, detail: "test: a permanent fault")
        // It needs attention until it is put right.
        let status = try fladaemon("status")
        #expect(status.stdout.contains("failed-submission") && status.stdout.contains(failed.goName), "\(status.stdout)")
        #expect(try fladaemon("retry", String(sent.id!)).status != 0, "only a failed submission is retried")
        let retry = try fladaemon("retry", failed.goName)
        #expect(retry.status == 0 && retry.stdout.contains("is prepared again"), "\(retry.stdout)\(retry.stderr)")
        let push = try fladaemon("push")
        #expect(push.status == 0, "\(push.stderr)")
        // Commands log through the daemon's own handler (UTC milliseconds, metadata in brackets).
        #expect(push.stderr.split(separator: "\n").contains { $0.contains(".") && $0.contains("Z notice [") && $0.contains("sent GO.") },
                "\(push.stderr)")
        #expect(try journal.submission(failed.id!)?.state == .sent)
        #expect(!(try fixture.remoteNames("INTEST")).contains(withdrawn.goName))

        // Sent, not handled yet: a TD goes to the platform, recorded like an upload.
        let cancelSent = try fladaemon("cancel", sent.goName)
        #expect(cancelSent.status == 0, "\(cancelSent.stderr)")
        let td = "TD" + sent.goName.dropFirst(2)
        #expect(try fixture.remoteNames("INTEST").contains(td))
        #expect(try journal.submission(sent.id!)?.state == .cancelled)
        #expect(try journal.uploadSteps(of: sent.id!).contains { $0.fileName == td && $0.step == .inPlace })
        // Nothing handled is undone; nothing cancelled twice.
        #expect(try fladaemon("cancel", String(sent.id!)).status != 0)
        #expect(try fladaemon("cancel", String(withdrawn.id!)).status != 0)
    }

    /// `check`: one verdict per item against the real sshd; a typo in a key is named with the key it
    /// most likely meant; a key readable by others and a wrong host key fail.
    @Test func checkGivesAVerdictPerItemAndNamesATypo() async throws {
        let fixture = try DeliveryFixture()
        let binary = try Self.executable("fladaemon")
        let good = try Self.sftpConfiguration(fixture, journal: fixture.directory.file("check.sqlite").path)
        func check(_ config: String, _ extra: String...) throws -> CommandResult {
            try Command.run(binary, ["check", "--config", config] + extra, environment: Self.cleanEnvironment)
        }
        let passed = try check(good)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        for item in ["configuration", "file rights: sftp.private_key", "sftp login and host key", "remote folder INTEST", "remote folder OUTTEST"] {
            #expect(passed.stdout.contains(item), "\(item): \(passed.stdout)")
        }
        let report = try JSONSerialization.jsonObject(with: Data(try check(good, "--json").stdout.utf8)) as? [String: Any]
        #expect(report?["ok"] as? Bool == true)

        let text = try String(contentsOfFile: good, encoding: .utf8)
        let typo = try fixture.directory.write("typo.yaml", text.replacingOccurrences(of: "  remote_after_download:", with: "  remote_after_downlaod:")).path
        let failed = try check(typo, "--offline")
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("unknown key results.remote_after_downlaod (did you mean results.remote_after_download?)"),
                "\(failed.stdout)")

        let wrongHost = try fixture.directory.write("host.yaml", text.replacingOccurrences(
            of: fixture.server.hostKeyFingerprints[0], with: "SHA256:" + String(repeating: "A", count: 43))).path
        let refused = try check(wrongHost)
        #expect(refused.status == 1 && refused.stdout.contains("sftp login and host key"), "\(refused.stdout)")
        #expect(try check(wrongHost, "--offline").status == 0, "offline, the host key is not asked")
    }

    /// `verify FI FS` checks a production triplet offline: schema and signature; one changed byte fails.
    @Test func verifyChecksSchemaAndSignatureOffline() throws {
        let fixture = try DeliveryFixture(environment: .production)
        let pki = try #require(fixture.pki)
        let binary = try Self.executable("fladaemon")
        let submission = try #require(try fixture.convert("signed.csv", ExportCSV.rights(3, tag: "VERIFY")).first)
        let fi = try #require(submission.files.first { $0.kind == .fi })
        let fs = try #require(submission.files.first { $0.kind == .fs })
        let fiPath = submission.record.directory + "/" + fi.name, fsPath = submission.record.directory + "/" + fs.name
        let good = try Command.run(binary, ["verify", fiPath, fsPath, "--ca", pki.caCertificate], environment: Self.cleanEnvironment)
        #expect(good.status == 0 && good.stdout.contains("signature of \(fiPath) verifies"), "\(good.stdout)\(good.stderr)")

        var bytes = try Data(contentsOf: URL(fileURLWithPath: fiPath))
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "5")))
        bytes[index] = UInt8(ascii: "4")
        let changed = try fixture.directory.write("changed-FI.xml", bytes: bytes).path
        let bad = try Command.run(binary, ["verify", changed, fsPath, "--ca", pki.caCertificate], environment: Self.cleanEnvironment)
        #expect(bad.status == 1 && bad.stdout.contains("signature does not verify"), "\(bad.stdout)\(bad.stderr)")
    }

    /// The test channel with the fixture's sshd: host, key and pinned host key.
    static func sftpConfiguration(_ fixture: DeliveryFixture, journal: String) throws -> String {
        try configuration(in: fixture.directory, journal: journal, more: """
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

            """).path
    }

    /// Channel, journal and spool (`<directory>/spool`): enough to convert; `more` adds to it.
    static func configuration(in directory: TemporaryDirectory, journal: String, more: String = "") throws -> URL {
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
              root: \(directory.file("spool").path)

            """ + more)
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

/// A channel configured for conversion only, in a folder of its own, and the real binary to run on it.
private struct ConvertingChannel {
    let directory: TemporaryDirectory
    let binary: String
    let journalPath: String
    let config: String

    init(_ label: String) throws {
        directory = try TemporaryDirectory(label)
        binary = try CommandLineTests.executable("fladaemon")
        journalPath = directory.file("journal.sqlite").path
        config = try CommandLineTests.configuration(in: directory, journal: journalPath).path
    }

    private func arguments(_ export: String, out: String) -> [String] {
        ["convert", export, "--out", out, "--config", config]
    }

    /// `fladaemon convert EXPORT --out OUT` to its end.
    func convert(_ export: String, out: String) throws -> CommandResult {
        try Command.run(binary, arguments(export, out: out), environment: CommandLineTests.cleanEnvironment)
    }

    /// The same, started: its output goes to `log` in the channel's folder.
    func startConvert(_ export: String, out: String, log: String) throws -> DaemonProcess {
        try DaemonProcess(executable: binary, arguments: arguments(export, out: out),
                          environment: CommandLineTests.cleanEnvironment, logPath: directory.file(log).path)
    }
}
