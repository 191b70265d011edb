import ServiceLifecycle

/// Tells systemd READY=1 once the other stages are started and the spool is watched, and STOPPING=1
/// as soon as a graceful shutdown begins.
public struct ReadinessStage: Service {
    let context: DaemonContext

    public init(context: DaemonContext) { self.context = context }

    public func run() async throws {
        // The intake stage registers itself once `incoming/` is watched.
        while !context.liveness.loops.contains(IntakeStage.name) {
            try await Task.sleep(for: .milliseconds(20))
        }
        context.notifier.ready()
        context.logger.notice("ready: watching \(context.layout.incoming)")
        try? await gracefulShutdown()
        context.notifier.stopping()
    }
}
