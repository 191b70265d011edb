import ArgumentParser
import Foundation
import Logging
import ServiceSupport

@main
struct Fladaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fladaemon",
        abstract: "Files Belgian social-security batch submissions (FLA flow) unattended.",
        discussion: """
            Exports dropped by payroll systems become signed FI/FS/GO triplets, are pushed by SFTP to the
            platform, and the platform's answers are fetched and matched. Every step is recorded in a SQLite journal.
            """,
        version: FladaemonVersion.text,
        subcommands: [RunCommand.self, ConvertCommand.self, PushCommand.self, FetchCommand.self, StatusCommand.self, ShowCommand.self, ReprocessCommand.self, RetryCommand.self, CancelCommand.self, DismissCommand.self, CheckCommand.self, VerifyCommand.self, ReportCommand.self, RecoverSequencesCommand.self]
    )

    /// Every command, the daemon and the administrator's alike, logs through the same handler: to
    /// journald under systemd, else to standard error; national numbers masked, control characters
    /// escaped. `FLADAEMON_LOG_LEVEL` sets the level (info by default).
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        LoggingSystem.bootstrap { label in
            var handler = LogDestination.choose(environment: environment).makeHandler(label: label)
            handler.logLevel = environment["FLADAEMON_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
