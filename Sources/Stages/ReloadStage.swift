import Logging
import ServiceLifecycle
import Settings
import UnixSignals

/// SIGHUP: reads the configuration again. A file that does not load is refused with a message and the
/// settings in force stay; a good one replaces them whole for every stage's next step.
public struct ReloadStage: Service {
    let context: DaemonContext
    let path: String
    let environment: [String: String]

    public init(context: DaemonContext, path: String, environment: [String: String]) {
        self.context = context
        self.path = path
        self.environment = environment
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                await reload()
            }
        }
    }

    func reload() async {
        context.notifier.reloading()
        do {
            let fresh = try await FladaemonSettings.load(path: path, environment: environment)
            context.settings.replace(with: fresh)
            // The next upload or fetch connects with the new server, key and host-key settings.
            await context.session.close()
            context.logger.notice("configuration \(path) reloaded")
            context.conversionWanted.kick()
            context.uploadWanted.kick()
            context.answersWanted.kick()
        } catch {
            context.logger.error("configuration not reloaded, the previous one stays in force: \(error)")
        }
        context.notifier.ready()
    }
}
