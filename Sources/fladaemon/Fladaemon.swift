import ArgumentParser

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
        subcommands: [RunCommand.self, ConvertCommand.self, PushCommand.self, FetchCommand.self, StatusCommand.self, ShowCommand.self, ReprocessCommand.self, RetryCommand.self, CancelCommand.self, DismissCommand.self, CheckCommand.self, VerifyCommand.self, RecoverSequencesCommand.self]
    )
}
