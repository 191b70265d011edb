import ArgumentParser
import Foundation
import Journal
import Settings
import Spool
import Stages

/// `--config FILE` or `--instance NAME`, shared by every command.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "Configuration file (default: \(FladaemonSettings.defaultPath)).")
    var configFile: String?
    @Option(help: "The channel of the service fladaemon@NAME: its configuration (/etc/fladaemon/NAME.yaml), journal and spool.")
    var instance: String?

    func validate() throws {
        if configFile != nil && instance != nil {
            throw ValidationError("--config and --instance name the same thing: give one (--instance uses /etc/fladaemon/NAME.yaml)")
        }
        if let instance { _ = try ServiceInstance(instance) }
    }

    /// The configuration file this command reads.
    var config: String {
        configFile ?? (instance.flatMap { try? ServiceInstance($0) }?.configurationPath ?? FladaemonSettings.defaultPath)
    }

    /// The process environment, with an instance's journal and spool pinned over whatever the file says.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let instance = instance.flatMap({ try? ServiceInstance($0) }) {
            environment.merge(instance.environment) { _, pinned in pinned }
        }
        return environment
    }

    func load() async throws -> FladaemonSettings {
        try await FladaemonSettings.load(path: config, environment: environment)
    }

    /// The settings and the journal they name: what every administrator command starts with. The journal
    /// must exist: a wrong path never silently makes an empty one that says "nothing received yet".
    func loadWithJournal() async throws -> (FladaemonSettings, Journal) {
        let settings = try await load()
        let size = (try? FileManager.default.attributesOfItem(atPath: settings.journalPath)[.size] as? Int) ?? nil
        guard let size, size > 0 else {
            throw ValidationError("no journal at \(settings.journalPath) (journal.path in \(config)): is this the "
                                  + "configuration of the running service? The daemon (`fladaemon run`) creates the journal.")
        }
        return (settings, try Journal(path: settings.journalPath))
    }

    /// For a command that changes something: the settings, the channel lock for its side effects (one
    /// writer per channel: another command is waited for a little; while the daemon runs, `command` is
    /// refused with `advice`), then the journal, opened (and created, if new) under the lock.
    ///
    /// A command that hands out names (`handsOutNames`) opens the journal only if it is not missing, empty
    /// or older than the spool's archive (`SequenceFloorGuard`).
    func loadLocked(for command: String, handsOutNames: Bool = false,
                    whileTheDaemonRuns advice: (FladaemonSettings) -> String) async throws
        -> (FladaemonSettings, Journal, ChannelLock) {
        let settings = try await load()
        let lock = try ChannelLock(journalPath: settings.journalPath, holder: .command(command),
                                   whileTheDaemonRuns: advice(settings))
        guard handsOutNames else { return (settings, try Journal(path: settings.journalPath), lock) }
        return (settings, try guardedJournal(settings), lock)
    }

    /// The journal of `settings`, refused when it would hand out a name the spool shows as used.
    func guardedJournal(_ settings: FladaemonSettings) throws -> Journal {
        try SequenceFloorGuard.openJournal(path: settings.journalPath, layout: SpoolLayout(root: settings.spool.root),
                                           sender: settings.channel.sender.text,
                                           recovery: "fladaemon recover-sequences --config \(config)")
    }
}
