import ArgumentParser
import BatchFormat
import Foundation
import PlatformSimulation

/// `platform-simulator`: the social-security platform's side of a batch channel, for tests and demos.
@main
struct PlatformSimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform-simulator",
        abstract: "Judges FI/FS/GO submissions in an SFTP root and answers with ACRF and NOTIFICATION files.",
        discussion: "Prints one line per judged submission. Stops cleanly on SIGTERM or SIGINT.")

    @Option(help: "The folder the SFTP server serves (IN, OUT, INTEST, OUTTEST, INTEST-S, OUTTEST-S are created).")
    var root: String

    @Option(help: "The channel's 6-digit sender number.")
    var sender: String

    @Option(help: "The 4-character flow code the platform expects.")
    var flow: String

    @Option(help: "PEM file of the CA certificate(s) production FS signatures must verify against.")
    var ca: String

    @Option(help: "Folder (outside the root) where used names, answer sequences and tickets are kept.")
    var state: String

    @Option(help: "The platform's own sender number in answer names.")
    var platformSender = "999999"

    @Option(help: "An XSD to validate FI files against instead of the bundled fla-fi-1.xsd.")
    var schema: String?

    @Option(help: "Days a name's date may be in the past.")
    var maxAgeDays = 30

    @Flag(help: "Handle what is waiting once, then exit.")
    var once = false

    @Option(help: "Milliseconds between two looks at the IN folders.")
    var pollMs = 500

    @Option(help: "Seconds to wait before writing the answers of a submission.")
    var delaySeconds: Double = 0

    @Flag(help: "Write every ACRF twice, under two answer names.")
    var answerTwice = false

    @Flag(help: "Also write a truncated, not well-formed ACRF with its GO.")
    var malformedAnswer = false

    @Flag(help: "Also write an ACRF about a submission nobody sent.")
    var unmatchedAnswer = false

    @Flag(help: "Write the ACRF only, no NOTIFICATION.")
    var skipNotification = false

    @Option(help: "Fields in the answer names: 6 (as the platform usually writes them), 7 or 8.")
    var answerNameFields = 6

    @Flag(help: "Quote the FI's name in FileReference instead of the GO's.")
    var quoteFIName = false

    @Flag(help: "Leave FileReference out of the NOTIFICATIONs.")
    var noNotificationFileReference = false

    @Flag(help: "Also drop other applications' answers (DMNO, BEWA) and a non-batch file into OUT.")
    var otherApplicationsNoise = false

    @Option(help: "The platform's certificate (PEM) for signing its answers in production (FS); with --platform-key.")
    var platformCertificate: String?

    @Option(help: "The platform's private key (PEM) for signing its answers in production.")
    var platformKey: String?

    func validate() throws {
        guard pollMs > 0 else { throw ValidationError("--poll-ms must be positive") }
        guard delaySeconds >= 0, delaySeconds.isFinite else { throw ValidationError("--delay-seconds must be 0 or more") }
        guard maxAgeDays >= 0 else { throw ValidationError("--max-age-days must be 0 or more") }
        guard BatchNameLength(rawValue: answerNameFields) != nil else { throw ValidationError("--answer-name-fields must be 6, 7 or 8") }
        guard (platformCertificate == nil) == (platformKey == nil) else {
            throw ValidationError("--platform-certificate and --platform-key go together")
        }
    }

    func run() async throws {
        let configuration: SimulatorConfiguration
        do {
            let signing = try platformCertificate.map { try SigningIdentity.load(certificate: $0, privateKey: platformKey ?? "") }
            configuration = SimulatorConfiguration(
                root: root, accountSender: try SenderNumber(sender), flowCode: try FlowCode(flow),
                trustedCertificates: ca, platformSender: try SenderNumber(platformSender), schemaPath: schema,
                stateFolder: state, maxAgeDays: maxAgeDays,
                misbehaviour: Misbehaviour(answerDelay: .milliseconds(Int((delaySeconds * 1000).rounded())),
                                           answerTwice: answerTwice, malformedAnswer: malformedAnswer,
                                           unmatchedAnswer: unmatchedAnswer, skipNotification: skipNotification,
                                           quoteFIName: quoteFIName, omitNotificationFileReference: noNotificationFileReference,
                                           otherApplicationsNoise: otherApplicationsNoise),
                answerNameLength: BatchNameLength(rawValue: answerNameFields) ?? .six, platformSigning: signing)
        } catch {
            throw ValidationError("\(error)")
        }
        let simulator = try PlatformSimulator(configuration: configuration)
        if once {
            for verdict in try await simulator.processOnce() { Self.print(verdict) }
        } else {
            try await simulator.run(pollInterval: .milliseconds(pollMs)) { Self.print($0) }
        }
    }

    /// One line per verdict, flushed at once so a test or `make demo` reading the pipe sees it.
    private static func print(_ verdict: SubmissionVerdict) {
        FileHandle.standardOutput.write(Data((verdict.description + "\n").utf8))
    }
}
