import Answers
import BatchFormat
import Conversion
import Delivery
import FLAFlow
import Foundation
import Identifiers
import Journal
import Logging
import PlatformSimulation
import Settings
import TestSupport
import Transport

/// One channel end to end on this machine: a real sshd serving the platform's folders, the platform
/// simulator judging in those same folders, and the daemon's side (journal, converter, uploader,
/// fetcher, applier) talking to the sshd over loopback, as production code does.
final class DeliveryFixture: @unchecked Sendable {
    static let sender = "123456"
    static let flow = "FLAX"
    /// The platform's own sender number, in its answer names.
    static let platformSender = "999999"

    let environment: BatchEnvironment
    let server: SSHServer
    let key: SSHServer.ClientKey
    let directory: TemporaryDirectory
    let journal: Journal
    /// The channel's signing PKI in production (the simulator trusts its CA), else nil.
    let pki: TestPKI?
    let trustedCertificates: String
    let logs = LogCapture()
    var conversion = ConversionSettings()

    init(environment: BatchEnvironment = .test) throws {
        self.environment = environment
        server = try SSHServer()
        key = try server.makeClientKey(type: "ed25519")
        directory = try TemporaryDirectory("delivery")
        journal = try Journal(path: directory.file("journal.sqlite").path)
        if environment.requiresSignature {
            // EC keys: made and used faster than RSA, and accepted by signer and verifier alike.
            let made = try TestPKI.make(in: directory.file("pki").path, keyType: .ec)
            pki = made
            trustedCertificates = made.caCertificate
        } else {
            pki = nil
            trustedCertificates = try directory.write("unused-ca.pem", "test circuits verify no signature\n").path
        }
    }

    var inFolder: String { environment.inFolder }
    var outFolder: String { environment.outFolder }
    /// Where fetched answers are stored.
    var inbox: String { directory.file("inbox").path }

    // MARK: The daemon's side

    var channel: ChannelSettings {
        get throws {
            ChannelSettings(sender: try SenderNumber(Self.sender), flow: try FlowCode(Self.flow), environment: environment,
                            quality: .employer, declarant: try BCE(validating: "0403170701"))
        }
    }

    /// A second journal in this fixture, as a daemon reinstalled from scratch would have.
    func freshJournal(_ name: String) throws -> Journal {
        try Journal(path: directory.file(name).path)
    }

    /// Converts a CSV export with the real converter; each submission gets its own folder.
    /// Throws (naming the problems) when the export is refused.
    func convert(_ name: String, _ csv: String, journal: Journal? = nil) throws -> [PreparedSubmission] {
        let path = try directory.write(name, csv).path
        // Two journals hand out the same names and export ids: keep each conversion's folders apart.
        let submissions = directory.file("submissions/\(UUID().uuidString.prefix(8))").path
        let plan = ConversionPlan(channel: try channel, conversion: conversion, profile: nil,
                                  stagingDirectory: submissions + "/.staging", reportDirectory: directory.file("reports").path,
                                  folder: { exportID, goName in "\(submissions)/\(exportID)-\(goName)" })
        let signer = try pki.map { try SigningIdentity.load(certificate: $0.certificate, privateKey: $0.privateKey) }
        let converter = try ExportConverter(plan: plan, journal: journal ?? self.journal, signer: signer)
        let result = converter.convert(try converter.register(exportAt: path))
        if let failure = result.failure {
            throw FixtureError("\(name) was not converted: \(failure); \(result.firstProblems)")
        }
        return result.submissions
    }

    /// Limits long enough for a loaded 2-core machine.
    static let timeouts = TransportTimeouts(connect: .seconds(20), operation: .seconds(20), noProgress: .seconds(10),
                                            keepaliveInterval: .seconds(2))

    /// An SFTP session to the sshd (or to a proxy in front of it on `port`), host key pinned.
    func connect(port: Int? = nil) throws -> SFTPClient {
        try SFTPClient(endpoint: SSHEndpoint(host: server.host, port: port ?? server.port),
                       identity: SSHIdentity(user: server.user, privateKeyPath: key.privateKeyPath, passphraseFile: nil),
                       hostKeyPolicy: HostKeyPolicy(knownHostsFile: nil, pinnedFingerprintTexts: server.hostKeyFingerprints),
                       timeouts: Self.timeouts, logger: logs.logger("transport"))
    }

    /// Delivers each submission in one session.
    @discardableResult
    func deliver(_ submissions: [PreparedSubmission], port: Int? = nil, journal: Journal? = nil) throws -> [SubmissionRecord] {
        let client = try connect(port: port)
        defer { client.close() }
        let uploader = SubmissionUploader(client: client, journal: journal ?? self.journal, logger: logs.logger("upload"))
        return try submissions.map { try uploader.deliver($0.id) }
    }

    /// What one fetch run did: `download`, `applyDownloaded`, then `dispose`, as the fetch command does.
    struct FetchRun {
        var downloaded: [AnswerRecord]
        var outcomes: [AnswerOutcome]
        var disposed: [String]

        func outcomes(_ kind: AnswerOutcome.Kind) -> [AnswerOutcome] { outcomes.filter { $0.kind == kind } }
    }

    @discardableResult
    func fetch(disposal: AnswerDisposal = .delete, port: Int? = nil) throws -> FetchRun {
        let client = try connect(port: port)
        defer { client.close() }
        let fetcher = AnswerFetcher(client: client, journal: journal, inbox: inbox, policy: AnswerFetchPolicy(environment: environment),
                                    logger: logs.logger("fetch"))
        let downloaded = try fetcher.download(from: outFolder)
        let outcomes = try AnswerApplier(journal: journal, logger: logs.logger("answers")).applyDownloaded()
        let disposed = try fetcher.dispose(in: outFolder, how: disposal)
        return FetchRun(downloaded: downloaded, outcomes: outcomes, disposed: disposed)
    }

    func state(of submission: PreparedSubmission) throws -> SubmissionState? {
        try journal.submission(submission.id)?.state
    }

    // MARK: The platform's side

    /// The simulator over the sshd's folders. Its state (names used, tickets) is kept across calls.
    func platform(_ misbehaviour: Misbehaviour = .none, accountSender: String = DeliveryFixture.sender) throws -> PlatformSimulator {
        try PlatformSimulator(configuration: SimulatorConfiguration(
            root: server.root.path, accountSender: try SenderNumber(accountSender), flowCode: try FlowCode(Self.flow),
            trustedCertificates: trustedCertificates, platformSender: try SenderNumber(Self.platformSender),
            stateFolder: directory.file("platform-state").path, misbehaviour: misbehaviour))
    }

    /// One pass of the platform; the simulator is released afterwards (it locks its state folder).
    @discardableResult
    func judge(_ misbehaviour: Misbehaviour = .none,
               accountSender: String = DeliveryFixture.sender) async throws -> [SubmissionVerdict] {
        let simulator = try platform(misbehaviour, accountSender: accountSender)
        return try await simulator.processOnce()
    }

    /// Every name in a platform folder, hidden ones included, sorted.
    func remoteNames(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: server.file(folder).path).sorted()
    }

    func remoteAnswers(_ folder: String? = nil) throws -> [String] {
        try remoteNames(folder ?? outFolder).filter { $0.hasPrefix("FO.") }
    }

    func remoteBytes(_ folder: String, _ name: String) throws -> Data {
        try Data(contentsOf: server.file("\(folder)/\(name)"))
    }
}

extension PreparedSubmission {
    var id: Int64 { record.id! }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
