import BatchFormat
import Conversion
import Foundation
import Journal
import LogFields
import Logging
import ServiceLifecycle
import ServiceSupport
import Synchronization

/// Keeps systemd and the operators informed: the one-line status (refreshed at once when a stage
/// pauses or resumes), submissions whose acknowledgement
/// is overdue, and a signing certificate close to expiry.
public struct HousekeepingStage: Service {
    static let name = "housekeeping"
    let context: DaemonContext
    let interval: Duration
    private let memory = Memory()

    /// What housekeeping remembers between rounds, so each warning is given once.
    private final class Memory: Sendable {
        let flaggedOverdue = Mutex<Set<Int64>>([])
        let lastCertificateWarning = Mutex<ContinuousClock.Instant?>(nil)
    }

    /// By default every 10 s while systemd reads the status line, else every minute (overdue
    /// acknowledgements and certificate expiry are counted in hours).
    public init(context: DaemonContext, interval: Duration? = nil) {
        self.context = context
        self.interval = interval ?? (context.notifier.isEnabled ? .seconds(10) : .seconds(60))
    }

    public func run() async throws {
        context.liveness.register(Self.name)
        defer { context.liveness.unregister(Self.name) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            context.liveness.beat(Self.name)
            step()
            await context.idle(Self.name, upTo: interval, wake: context.statusWanted)
        }
    }

    func step() {
        let journal = context.journal
        guard let counts = try? journal.submissionCounts() else { return }
        let queued = (counts[.prepared] ?? 0) + (counts[.uploading] ?? 0)
        let waiting = (counts[.sent] ?? 0) + (counts[.acknowledged] ?? 0)
        let failed = (counts[.failed] ?? 0) + (counts[.rejected] ?? 0)
        let received = (try? journal.exports(in: [.received]).count) ?? 0
        context.notifier.status(WorkSummary(queued: queued + received, inFlight: waiting, failed: failed,
                                            paused: context.pauses.statusParts))
        flagOverdue()
        warnAboutCertificate()
    }

    /// A sent submission without acknowledgement after the deadline is logged once, and recorded.
    private func flagOverdue() {
        let settings = context.settings.settings
        let deadline = Date().addingTimeInterval(-Double(settings.results.acknowledgementDeadlineHours) * 3600)
        guard let sent = try? context.journal.submissions(in: [.sent]) else { return }
        for submission in sent where submission.updatedAt < deadline {
            let id = submission.id!
            guard memory.flaggedOverdue.withLock({ $0.insert(id).inserted }) else { continue }
            var log = context.logger
            log[metadataKey: LogKey.submissionID] = "\(id)"
            log[metadataKey: LogKey.state] = "sent"
            log[metadataKey: LogKey.remoteName] = "\(submission.goName)"
            log.warning("no acknowledgement for \(submission.goName) after \(settings.results.acknowledgementDeadlineHours) h")
        }
    }

    private func warnAboutCertificate() {
        guard let signing = context.settings.settings.signing else { return }
        let now = ContinuousClock.now
        let due = memory.lastCertificateWarning.withLock { last -> Bool in
            if let last, now - last < .seconds(86_400) { return false }
            last = now
            return true
        }
        guard due, let identity = try? SigningIdentity.load(signing) else { return }
        if identity.expires(within: signing.expiryWarningDays) {
            context.logger.warning("the signing certificate \(identity.subject) expires in \(identity.daysUntilExpiry()) day(s)")
        }
    }
}
