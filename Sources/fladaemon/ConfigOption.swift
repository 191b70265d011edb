import ArgumentParser
import Settings

/// `--config FILE`, shared by every command.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "Configuration file.")
    var config: String = FladaemonSettings.defaultPath

    func load() async throws -> FladaemonSettings {
        try await FladaemonSettings.load(path: config)
    }
}
