import BatchFormat
import FLAFlow
import Foundation
import Testing
import TestSupport
@testable import Settings

private let minimal = """
    channel:
      sender: "123456"
      flow: "FLAX"
      environment: test
      declarant_bce: "0403170701"
    journal:
      path: /tmp/j.sqlite
    """

@Suite struct SettingsTests {
    /// The sample shipped in etc/ must always load.
    @Test func theSampleConfigurationLoads() async throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../etc/fladaemon.yaml").standardized.path
        let dir = try TemporaryDirectory()
        try dir.writeSecret("pass", "s3cret\n")
        let settings = try await FladaemonSettings.load(
            path: sample, environment: ["FLADAEMON_SIGNING_PASSPHRASE_FILE": dir.file("pass").path])
        #expect(settings.channel.sender.text == "123456")
        #expect(settings.channel.environment == .test)
        #expect(settings.signing?.passphrase == "s3cret")
        #expect(settings.profiles["acme"]?.columns["Rijksregisternummer"] == .niss)
        #expect(settings.profiles["acme"]?.ignore == ["Opmerking"])
        #expect(settings.sftp?.port == 8022)
        #expect(settings.conversion.split == .parts)
    }

    @Test func theEnvironmentOverridesTheFile() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.yaml", minimal).path
        let settings = try await FladaemonSettings.load(path: path, environment: [
            "FLADAEMON_CHANNEL_SENDER": "654321", "FLADAEMON_CONVERSION_MAX_RECORDS_PER_FI": "50", "SENDER": "999999",
        ])
        #expect(settings.channel.sender.text == "654321")
        #expect(settings.conversion.maxRecordsPerFI == 50)
        #expect(settings.signing == nil)
    }

    @Test func secretsComeFromSystemdCredentials() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.yaml", minimal + "\nsigning:\n  pkcs12: /x.p12\n").path
        let credentials = dir.file("creds")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try Data("from-credential\n".utf8).write(to: credentials.appendingPathComponent("signing-passphrase"))
        let settings = try await FladaemonSettings.load(path: path, environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        #expect(settings.signing?.passphrase == "from-credential")
        #expect(settings.signing?.source == .pkcs12(path: "/x.p12"))
    }

    @Test(arguments: [
        ("channel:\n  flow: FLAX\n  environment: test\n  declarant_bce: \"0403170701\"\n", "channel.sender: is required"),
        (minimal.replacingOccurrences(of: "\"123456\"", with: "\"12345\""), "channel.sender: \"12345\" is not 6 digits"),
        (minimal.replacingOccurrences(of: "FLAX", with: "fla"), "channel.flow"),
        (minimal.replacingOccurrences(of: "environment: test", with: "environment: prod"), "channel.environment: \"prod\" is not"),
        (minimal.replacingOccurrences(of: "0403170701", with: "0403170702"), "channel.declarant_bce: \"0403170702\" check digits"),
        (minimal.replacingOccurrences(of: "environment: test", with: "environment: production"), "signing: production submissions are signed"),
        (minimal + "\nsftp:\n  host: h\n  user: u\n  private_key: k\n", "sftp: give sftp.known_hosts"),
        (minimal + "\nconversion:\n  split: halves\n", "conversion.split: \"halves\" is not one of parts, submissions"),
        (minimal + "\nconversion:\n  max_records_per_fi: 0\n", "conversion.max_records_per_fi: must be a positive number"),
        ("channel: [unclosed", "not valid YAML"),
    ])
    func aBadConfigurationNamesTheKey(yaml: String, expected: String) async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.yaml", yaml).path
        do {
            _ = try await FladaemonSettings.load(path: path, environment: [:])
            Issue.record("expected an error mentioning \(expected)")
        } catch let error as SettingsError {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.contains(path))
        }
    }

    /// A passphrase file others may read is refused, naming the key, the file and the fix.
    @Test func aPassphraseFileOthersMayReadIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let passphrase = try dir.write("pass", "s3cret\n").path
        chmod(passphrase, 0o644)
        let path = try dir.write("c.yaml", minimal + "\nsigning:\n  pkcs12: /x.p12\n  passphrase_file: \(passphrase)\n").path
        await #expect(throws: SettingsError(source: path, key: "signing.passphrase_file", problem:
            "passphrase file \(passphrase): readable by group or others (mode 0644); run: chmod 600 \(passphrase)")) {
            _ = try await FladaemonSettings.load(path: path, environment: [:])
        }
        chmod(passphrase, 0o600)
        #expect(try await FladaemonSettings.load(path: path, environment: [:]).signing?.passphrase == "s3cret")
    }

    @Test func aMissingFileIsNamed() async throws {
        await #expect(throws: SettingsError(source: "/nonexistent.yaml", problem: "file not found (give another with --config)")) {
            _ = try await FladaemonSettings.load(path: "/nonexistent.yaml", environment: [:])
        }
    }
}

/// `fladaemon@NAME` and `--instance NAME` read their paths from one place.
@Suite struct ServiceInstanceTests {
    @Test func anInstanceNamesItsConfigurationJournalAndSpool() throws {
        let instance = try ServiceInstance("employer")
        #expect(instance.configurationPath == "/etc/fladaemon/employer.yaml")
        #expect(instance.journalPath == "/var/lib/fladaemon/employer/journal.sqlite")
        #expect(instance.spoolRoot == "/var/spool/fladaemon/employer")
        #expect(instance.environment == ["FLADAEMON_JOURNAL_PATH": instance.journalPath, "FLADAEMON_SPOOL_ROOT": instance.spoolRoot])
        for bad in ["", "../etc", "a b", "x/y", String(repeating: "a", count: 65)] {
            #expect(throws: SettingsError.self) { try ServiceInstance(bad) }
        }
    }

    @Test func theInstancePathsWinOverTheFile() async throws {
        let directory = try TemporaryDirectory("instance")
        let file = try directory.write("x.yaml", """
            channel:
              sender: "123456"
              flow: "FLAX"
              environment: test
              quality: employer
              declarant_bce: "0403170701"
            journal:
              path: /somewhere/else.sqlite
            spool:
              root: /somewhere/spool

            """)
        let instance = try ServiceInstance("mandatary")
        let settings = try await FladaemonSettings.load(path: file.path, environment: instance.environment)
        #expect(settings.journalPath == instance.journalPath)
        #expect(settings.spool.root == instance.spoolRoot)
    }
}
