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
        context.liveness.register(Self.name)
        // Intake waits on inotify, not on a timer: it is alive while its run is.
        let heartbeat = Task {
            while !Task.isCancelled {
                context.liveness.beat(Self.name)
                try? await Task.sleep(for: context.heartbeat)
            }
        }
        defer { heartbeat.cancel(); context.liveness.unregister(Self.name) }
        try await cancelWhenGracefulShutdown {
            try await intake.run { claimed in
                var log = context.logger
                log[metadataKey: "export_id"] = "\(claimed.id)"
                log[metadataKey: "source_file"] = "\(claimed.sourceName)"
                log.info("export \(claimed.sourceName) received (sha256 \(claimed.sha256.prefix(12))…)")
                context.conversionWanted.kick()
            }
        }
    }
}
