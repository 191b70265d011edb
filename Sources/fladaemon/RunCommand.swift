import ArgumentParser
import Faults
import Foundation
import Journal
import Logging
import ServiceLifecycle
import ServiceSupport
import Settings
import Spool
import Stages

/// `fladaemon run`: the service. Watches the spool and drives every export to the platform's answer.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon (under systemd: Type=notify).")

    @OptionGroup var options: ConfigOption
    @Option(help: "Seconds a SIGTERM may take to finish the step in flight before the daemon stops anyway.")
    var stopTimeout: Int = 30

    func run() async throws {
        // Logging is set up for every command in `Fladaemon.main`.
        let logger = Logger(label: "fladaemon")
        let notifier = ServiceNotifier()
        let settings: FladaemonSettings
        do {
            settings = try await options.load()
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(78)  // EX_CONFIG: systemd shows the configuration as the cause.
        }
        // One daemon per channel, and no command changing anything behind its back: held until exit.
        let lock: ChannelLock
        do {
            lock = try ChannelLock(journalPath: settings.journalPath, holder: .daemon,
                                   whileTheDaemonRuns: "one daemon per channel")
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(75)  // EX_TEMPFAIL: the channel is busy.
        }
        defer { lock.release() }
        let box = SettingsBox(settings)
        let layout = SpoolLayout(root: settings.spool.root)
        // A journal lost or restored from a backup would send names the platform has seen (code 133).
        let journal: Journal
        do {
            journal = try options.guardedJournal(settings)
        } catch let stale as StaleJournalError {
            logger.critical("cannot start: \(stale)")
            throw ExitCode(65)  // EX_DATAERR: not retried by systemd (RestartPreventExitStatus).
        }
        do {
            try layout.create()
        } catch {
            // A full or read-only spool is waited out by intake, which says so; anything else stops here.
            guard MachineCondition(error) != nil else { throw error }
        }
        let board = LivenessBoard()
        let context = DaemonContext(settings: box, journal: journal, layout: layout,
                                    session: ChannelSession(settings: box, logger: logger),
                                    liveness: board, notifier: notifier, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: IntakeStage(context: context)),
            .init(service: ConversionStage(context: context)),
            .init(service: UploadStage(context: context)),
            .init(service: ResultStage(context: context)),
            .init(service: HousekeepingStage(context: context)),
            .init(service: ReloadStage(context: context, path: options.config, environment: options.environment)),
            .init(service: ReadinessStage(context: context)),
        ]
        if let interval = notifier.watchdogInterval {
            services.append(.init(service: WatchdogStage(pinger: WatchdogPinger(notifier: notifier, board: board,
                                                                                 interval: interval))))
        }
        var configuration = ServiceGroupConfiguration(services: services, logger: logger)
        configuration.gracefulShutdownSignals = [.sigterm, .sigint]
        configuration.maximumGracefulShutdownDuration = .seconds(stopTimeout)
        logger.info("fladaemon starting: channel \(settings.channel.sender) \(settings.channel.flow) \(settings.channel.environment), spool \(layout.root)")
        try await ServiceGroup(configuration: configuration).run()
        notifier.stopping()
        logger.info("fladaemon stopped")
    }
}
