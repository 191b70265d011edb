import ArgumentParser
import Logging
import Transport

/// The SFTP side of a submission alone, on one session: write a temporary name, rename it, create an
/// empty GO, `count` times. Next to `fladaemon push` it shows what the journal and the safety checks
/// of the exactly-once protocol add to the bare transfers.
struct UploadPattern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload-pattern",
        abstract: "Times write + rename + empty GO for many files on one SFTP session (no journal).")

    @Option(help: "SFTP server address.") var host = "127.0.0.1"
    @Option(help: "SFTP server port.") var port: Int
    @Option(help: "User name.") var user: String
    @Option(help: "Private key file.") var key: String
    @Option(help: "The server's host key fingerprint (SHA256:...).") var fingerprint: String
    @Option(help: "Remote folder to write into (a scratch folder: files are left there).") var directory: String
    @Option(help: "Number of submissions.") var count = 500
    @Flag(help: "Do not ask the server to fsync each file.") var noFsync = false
    @Argument(help: "Local file uploaded as each FI.") var file: String

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let client = try SFTPClient(
            endpoint: SSHEndpoint(host: host, port: port),
            identity: SSHIdentity(user: user, privateKeyPath: key),
            hostKeyPolicy: try HostKeyPolicy(knownHostsFile: nil, pinnedFingerprintTexts: [fingerprint]),
            logger: Logger(label: "bench.upload-pattern"))
        defer { client.close() }
        client.syncsWrites = !noFsync
        let result = try UploadBenchmark.run(client: client, localFile: file, directory: directory, count: count)
        let total = CSVRead.seconds(clock.now - started)
        print(CSVRead.rate(label: "upload-pattern", count: count, unit: "submissions", seconds: total)
              + " (session included; transfers alone: \(result))")
    }
}
