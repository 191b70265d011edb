import ArgumentParser
import Journal
import Settings

/// `--config FILE`, shared by every command.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "Configuration file.")
    var config: String = FladaemonSettings.defaultPath

    func load() async throws -> FladaemonSettings {
        try await FladaemonSettings.load(path: config)
    }

    /// The settings and the journal they name: what every administrator command starts with.
    func loadWithJournal() async throws -> (FladaemonSettings, Journal) {
        let settings = try await load()
        return (settings, try Journal(path: settings.journalPath))
    }

    /// For a command that changes something: the settings, the channel lock for its side effects (one
    /// writer per channel: another command is waited for a little; while the daemon runs, `command` is
    /// refused with `advice`), then the journal, opened (and created, if new) under the lock.
    func loadLocked(for command: String, whileTheDaemonRuns advice: (FladaemonSettings) -> String) async throws
        -> (FladaemonSettings, Journal, ChannelLock) {
        let settings = try await load()
        let lock = try ChannelLock(journalPath: settings.journalPath, holder: .command(command),
                                   whileTheDaemonRuns: advice(settings))
        return (settings, try Journal(path: settings.journalPath), lock)
    }
}
