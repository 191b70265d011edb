import Faults
import Foundation
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
        // Intake waits on inotify inside the spool's own loop, which reports no rounds: it counts as
        // waiting for as long as its run lasts.
        context.liveness.register(Self.name)
        context.liveness.waiting(Self.name)
        defer { context.liveness.unregister(Self.name) }
        try await cancelWhenGracefulShutdown {
            try await intake.run { claimed in
                var log = context.logger
                log[metadataKey: "export_id"] = "\(claimed.id)"
                log[metadataKey: "source_file"] = "\(claimed.sourceName)"
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
