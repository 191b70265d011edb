import Transport
import Foundation
import Journal
import Logging
import Synchronization

/// Delivers several submissions at once over one SSH session: each worker thread has an SFTP
/// channel of its own and takes the next submission, oldest first, when it is done with one.
///
/// A submission's own steps keep their order (its GO last, after its files); submissions only
/// overlap each other, so the round trips and server-side fsyncs of one wait while another's go out.
/// Every guarantee of `SubmissionUploader` holds per submission, whatever the others do.
public struct ParallelDelivery {
    /// What to do after one submission's outcome.
    public enum Next: Sendable { case proceed, stop }

    let client: SFTPClient
    let journal: Journal
    let width: Int
    let logger: Logger

    /// `width`: how many submissions may be in flight at once (at least 1).
    public init(client: SFTPClient, journal: Journal, width: Int, logger: Logger) {
        self.client = client
        self.journal = journal
        self.width = max(1, width)
        self.logger = logger
    }

    /// Delivers `ids` in order of taking, calling `outcome` (from the worker's thread) as each ends.
    /// Once an outcome answers `.stop`, or the session broke (it carries nothing more), no further
    /// submission is started; those in flight finish. Returns the ids never started.
    @discardableResult
    public func deliver(_ ids: [Int64],
                        outcome: @escaping @Sendable (Int64, Result<SubmissionRecord, Error>) -> Next) throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        let channels = try client.channels(min(width, ids.count))
        let queue = WorkQueue(ids)
        let journal = self.journal, logger = self.logger
        let work: @Sendable (UncheckedClient) -> Void = { channel in
            let uploader = SubmissionUploader(client: channel.client, journal: journal, logger: logger)
            while let id = queue.next() {
                let result = Result { try uploader.deliver(id) }
                if outcome(id, result) == .stop || !channel.client.isUsable { queue.stop() }
            }
        }
        // The calling thread is one of the workers; the others get threads of their own, since each
        // blocks on the network (a dispatch pool would cap them at the core count).
        let group = DispatchGroup()
        for channel in channels.dropFirst() {
            group.enter()
            let carried = UncheckedClient(channel)
            Thread.detachNewThread {
                work(carried)
                group.leave()
            }
        }
        work(UncheckedClient(channels[0]))
        group.wait()
        return queue.remaining()
    }
}

/// The ids still to deliver, taken one at a time by the workers.
private final class WorkQueue: Sendable {
    private struct State { var ids: [Int64]; var next = 0; var stopped = false }
    private let state: Mutex<State>

    init(_ ids: [Int64]) { state = Mutex(State(ids: ids)) }

    func next() -> Int64? {
        state.withLock { state in
            guard !state.stopped, state.next < state.ids.count else { return nil }
            defer { state.next += 1 }
            return state.ids[state.next]
        }
    }

    func stop() { state.withLock { $0.stopped = true } }

    func remaining() -> [Int64] { state.withLock { Array($0.ids[$0.next...]) } }
}
