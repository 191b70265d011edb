import Faults
import Foundation
import LogFields
import Logging
import ServiceLifecycle
import Spool

/// Takes complete files out of `incoming/` and records them; wakes the conversion stage.
public struct IntakeStage: Service {
    static let name = "intake"
    let context: DaemonContext

    public init(context: DaemonContext) { self.context = context }

    public func run() async throws {
        let settings = context.settings.settings
        let intake = Intake(layout: context.layout, journal: context.journal,
                            settle: .milliseconds(settings.spool.settleMilliseconds),
                            logger: context.logger)
        defer { context.liveness.unregister(Self.name) }
        try await cancelWhenGracefulShutdown {
            try await intake.run(onWatching: {
                // Registered only once `incoming/` is watched: the readiness stage waits for this to
                // tell systemd READY=1. Intake waits on inotify inside the spool's own loop, which
                // reports no rounds: it counts as waiting for as long as its run lasts.
                context.liveness.register(Self.name)
                context.liveness.waiting(Self.name)
            }) { claimed in
                var log = context.logger
                log[metadataKey: LogKey.exportID] = "\(claimed.id)"
                log[metadataKey: LogKey.sourceFile] = "\(claimed.sourceName)"
                log.info("export \(claimed.sourceName) received (sha256 \(claimed.sha256.prefix(12))…)")
                context.conversionWanted.kick()
            } onPause: { condition in
                // Intake logs its own pause; the status line shows it too.
                if let condition { _ = context.pauses.record(Self.name, condition) } else { _ = context.pauses.end(Self.name) }
                context.statusWanted.kick()
            }
        }
    }
}
