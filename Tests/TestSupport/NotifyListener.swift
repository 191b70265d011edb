import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`, owned by the test: a thread
/// collects every message a daemon sends (`READY=1`, `STATUS=...`) in arrival order.
public final class NotifyListener: Sendable {
    /// One datagram and when it arrived.
    public struct Message: Sendable {
        public let text: String
        public let at: ContinuousClock.Instant
        /// The `NAME=value` assignments of the datagram.
        public var assignments: [String] { text.split(separator: "\n").map(String.init) }
    }

    public let path: String
    private let directory: TemporaryDirectory
    private let core: Core

    public init() throws {
        directory = try TemporaryDirectory("notify")
        path = directory.file("notify.sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.current("notify socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw SocketError("notify socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + 1)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let error = SocketError.current("bind \(path)")
            close(fd)
            throw error
        }
        let core = Core(fd: fd)
        self.core = core
        Thread { core.collect() }.start()
    }

    /// The thread holds the core, not the listener, so dropping the listener stops the thread.
    deinit { core.stop() }

    /// Every message so far.
    public var messages: [Message] { core.received.withLock { $0 } }

    /// Every assignment so far, flattened, in order.
    public var assignments: [String] { messages.flatMap(\.assignments) }

    private final class Core: Sendable {
        let fd: Int32
        let received = Mutex<[Message]>([])
        private let running = Mutex(true)
        private let finished = DispatchSemaphore(value: 0)

        init(fd: Int32) { self.fd = fd }

        func stop() {
            running.withLock { $0 = false }
            finished.wait()
            close(fd)
        }

        func collect() {
            defer { finished.signal() }
            var buffer = [UInt8](repeating: 0, count: 8192)
            while running.withLock({ $0 }) {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) == 1 else { continue }
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { continue }
                let message = Message(text: String(decoding: buffer[..<count], as: UTF8.self), at: .now)
                received.withLock { $0.append(message) }
            }
        }
    }
}
