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
}
