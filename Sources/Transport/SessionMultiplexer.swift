import CLibSSH2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lets several threads share one libssh2 session in non-blocking mode, each with its own SFTP
/// channel, so that one submission's round trips wait while another's go out.
///
/// libssh2 is not thread-safe: every call runs under one lock. A call that would block releases the
/// lock and waits for progress: its socket becoming ready, or another thread's call having read
/// from the socket (which may have taken this thread's answer into libssh2's queue). One waiter at
/// a time polls the socket; the rest sleep on the condition. A call that leaves a packet half sent
/// must be repeated, with the same arguments, before any other call sends: until it is done, it
/// alone may call.
final class SessionMultiplexer: @unchecked Sendable {
    private let socket: Int32
    private let condition = NSCondition()
    /// A pipe that wakes the polling waiter when progress is made elsewhere.
    private let wakeFD: Int32
    private let wakeWriteFD: Int32
    private var generation: UInt64 = 0
    private var pollerActive = false
    /// Calls waiting for progress: only they need telling that someone read from the socket.
    private var waiting = 0
    private var outboundOwner: UInt64?
    private var nextCall: UInt64 = 0

    init(socket: Int32) {
        self.socket = socket
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        } else {
            ends = [-1, -1]
        }
        wakeFD = ends[0]
        wakeWriteFD = ends[1]
    }

    deinit {
        if wakeFD >= 0 { Glibc.close(wakeFD) }
        if wakeWriteFD >= 0 { Glibc.close(wakeWriteFD) }
    }

    /// Runs `body` under the lock, again and again while `wouldBlock` says libssh2 has not finished,
    /// until `deadline`. Nil when the deadline passed first. `body` must be the same libssh2 call
    /// with the same arguments each time, as libssh2 requires.
    func perform<T>(session: OpaquePointer, until deadline: ContinuousClock.Instant, _ body: () -> T,
                    wouldBlock: (T) -> Bool) -> T? {
        condition.lock()
        defer { condition.unlock() }
        let me = nextCall
        nextCall &+= 1
        while true {
            while let owner = outboundOwner, owner != me {
                if !wait(until: deadline) { return nil }
            }
            let hadInput = waiting > 0 && socketReadable()
            let result = body()
            let blocked = wouldBlock(result)
            let sending = blocked && libssh2_session_block_directions(session) & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0
            if sending, outboundOwner != me {
                outboundOwner = me
                advance()
            } else if !sending, outboundOwner == me {
                outboundOwner = nil
                advance()
            }
            // It read from the socket: answers for the others may now wait in libssh2's queue.
            if hadInput { advance() }
            if !blocked { return result }
            let seen = generation
            waiting += 1
            defer { waiting -= 1 }
            while generation == seen {
                if ContinuousClock.now >= deadline {
                    if outboundOwner == me { outboundOwner = nil; advance() }
                    return nil
                }
                if pollerActive {
                    _ = wait(until: deadline)
                } else {
                    pollerActive = true
                    let events = Int16(POLLIN) | (outboundOwner != nil ? Int16(POLLOUT) : 0)
                    condition.unlock()
                    pollSocket(events: events, until: deadline)
                    condition.lock()
                    pollerActive = false
                    advance()
                }
            }
        }
    }

    /// Runs `body` under the lock: for reading libssh2's error state right after a call.
    func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    // MARK: - Under the lock

    private func advance() {
        generation &+= 1
        condition.broadcast()
        if pollerActive, wakeWriteFD >= 0 {
            var one: UInt8 = 1
            _ = Glibc.write(wakeWriteFD, &one, 1)
        }
    }

    /// False once the deadline passed.
    private func wait(until deadline: ContinuousClock.Instant) -> Bool {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return false }
        return condition.wait(until: Date(timeIntervalSinceNow: remaining.secondsValue))
    }

    private func socketReadable() -> Bool {
        var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    // MARK: - Outside the lock

    private func pollSocket(events: Int16, until deadline: ContinuousClock.Instant) {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return }
        var entries = [pollfd(fd: socket, events: events, revents: 0),
                       pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        let count: nfds_t = wakeFD >= 0 ? 2 : 1
        let timeout = Int32(clamping: min(remaining.clampedMilliseconds, 60_000))
        _ = poll(&entries, count, timeout)
        if wakeFD >= 0, entries[1].revents != 0 {
            var drained = [UInt8](repeating: 0, count: 64)
            while Glibc.read(wakeFD, &drained, drained.count) > 0 {}
        }
    }
}
