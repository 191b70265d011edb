import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP forwarder for network-failure tests: sits between a client and a real
/// server, and can cut every connection, stall them (stop relaying, keep them open), refuse new
/// ones, or accept and then stay silent (a black hole that never sends an SSH banner).
///
/// One accept thread plus one pump thread per connection, each polling with a short timeout so
/// `stop()` and `cutAll()` take effect within ~50 ms.
public final class TCPProxy: Sendable {
    public enum Mode: Sendable {
        /// Relay bytes both ways to the target.
        case forward
        /// Accept, then close at once.
        case refuse
        /// Accept and hold the connection without ever sending or relaying a byte.
        case silent
    }

    private let core: TCPProxyCore

    /// Listens on a free loopback port; `targetPort` is on 127.0.0.1. `receiveBuffer` fixes the
    /// kernel buffer of accepted connections (no autotuning), so a stall fills the client's socket.
    public init(targetPort: Int, mode: Mode = .forward, receiveBuffer: Int? = nil) throws {
        core = try TCPProxyCore(targetPort: targetPort, mode: mode, receiveBuffer: receiveBuffer)
    }

    deinit { core.stop() }

    /// The proxy's own port, where clients connect.
    public var port: Int { core.port }
    public var targetPort: Int { core.targetPort }

    /// How new connections are treated; existing ones keep theirs.
    public var mode: Mode {
        get { core.mode }
        set { core.mode = newValue }
    }

    /// Bytes relayed so far, both directions.
    public var bytesForwarded: Int { core.bytesForwarded }

    /// Client connections accepted so far, whatever the mode.
    public var acceptedConnections: Int { core.acceptedConnections }

    /// Cuts every connection once `bytes` more have been relayed (deterministic mid-transfer cut):
    /// an orderly end (FIN), or with `reset` a TCP reset (RST), as a middlebox dropping the flow sends.
    public func cutAfter(bytes: Int, reset: Bool = false) { core.cutAfter(bytes: bytes, reset: reset) }

    /// Stops relaying (connections stay open, bytes queue up) once `bytes` more have been
    /// relayed: a server or network that hangs mid-transfer.
    public func stallAfter(bytes: Int) { core.stallAfter(bytes: bytes) }

    /// Stops relaying at once, keeping the connections open.
    public func stallAll() { core.stallAll() }

    /// Relays again after a stall.
    public func resume() { core.resume() }

    /// Shuts down every open connection (both sides see the connection end).
    public func cutAll() { core.cutAll() }

    /// Stops listening and cuts everything; waits (briefly) for the threads to end.
    public func stop() { core.stop() }
}

/// The proxy's sockets and threads. Threads hold the core, not the `TCPProxy`, so dropping
/// the proxy runs its `deinit`, which stops them.
private final class TCPProxyCore: @unchecked Sendable {
    let port: Int
    let targetPort: Int

    private let listener: Int32
    private let lock = NSLock()
    private var currentMode: TCPProxy.Mode
    private var open: [Int32] = []
    private var forwarded = 0
    private var cutThreshold: Int?
    private var cutResets = false
    private var stallThreshold: Int?
    private var stalled = false
    private var stopped = false
    private var threads = 0
    private var accepted = 0

    init(targetPort: Int, mode: TCPProxy.Mode, receiveBuffer: Int?) throws {
        self.targetPort = targetPort
        currentMode = mode
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.current("proxy socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if var bytes = receiveBuffer.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = FreePort.loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            let error = SocketError.current("proxy listen")
            close(fd)
            throw error
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        spawn { [self] in acceptLoop() }
    }

    var mode: TCPProxy.Mode {
        get { lock.withLock { currentMode } }
        set { lock.withLock { currentMode = newValue } }
    }

    var bytesForwarded: Int { lock.withLock { forwarded } }

    var acceptedConnections: Int { lock.withLock { accepted } }

    func cutAfter(bytes: Int, reset: Bool) {
        lock.withLock {
            cutThreshold = forwarded + bytes
            cutResets = reset
        }
    }

    func stallAfter(bytes: Int) {
        lock.withLock { stallThreshold = forwarded + bytes }
    }

    func stallAll() { lock.withLock { stalled = true } }

    func resume() {
        lock.withLock {
            stalled = false
            stallThreshold = nil
        }
    }

    func cutAll() {
        let (sockets, reset) = lock.withLock { () -> ([Int32], Bool) in
            defer { cutThreshold = nil; cutResets = false }
            return (open, cutResets)
        }
        for fd in sockets {
            if reset {
                // With a zero linger time the close (by the pump, woken by the shutdown of its reading
                // side) sends RST instead of FIN.
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                shutdown(fd, Int32(SHUT_RD))
            } else {
                shutdown(fd, Int32(SHUT_RDWR))
            }
        }
    }

    func stop() {
        let already = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        if already { return }
        cutAll()
        let deadline = Date().addingTimeInterval(2)
        while lock.withLock({ threads }) > 0 && Date() < deadline { usleep(10_000) }
        close(listener)
    }

    // MARK: - Threads

    private var isStopped: Bool { lock.withLock { stopped } }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        lock.withLock { threads += 1 }
        let thread = Thread { [self] in
            body()
            lock.withLock { threads -= 1 }
        }
        thread.start()
    }

    private func acceptLoop() {
        while !isStopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            lock.withLock { accepted += 1 }
            switch mode {
            case .refuse:
                close(client)
            case .silent:
                track(client)
                spawn { [self] in hold(client) }
            case .forward:
                guard let upstream = connectTarget() else {
                    close(client)
                    continue
                }
                track(client)
                track(upstream)
                spawn { [self] in pump(client, upstream) }
            }
        }
    }

    private func connectTarget() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = FreePort.loopbackAddress(port: targetPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if !connected {
            close(fd)
            return nil
        }
        return fd
    }

    private func track(_ fd: Int32) { lock.withLock { open.append(fd) } }

    private func untrackAndClose(_ fds: Int32...) {
        lock.withLock { open.removeAll { fds.contains($0) } }
        for fd in fds { close(fd) }
    }

    /// Swallows what the client sends and never answers, until the client leaves, a cut or stop.
    private func hold(_ client: Int32) {
        defer { untrackAndClose(client) }
        var sink = [UInt8](repeating: 0, count: 4096)
        while !isStopped {
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) > 0 && read(client, &sink, sink.count) <= 0 { return }
        }
    }

    private func pump(_ a: Int32, _ b: Int32) {
        defer { untrackAndClose(a, b) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var descriptors = [pollfd(fd: a, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        while !isStopped {
            if lock.withLock({ stalled }) {
                usleep(20_000)
                continue
            }
            let ready = poll(&descriptors, 2, 50)
            if ready < 0 && errno != EINTR { return }
            if ready <= 0 { continue }
            for index in 0..<2 where descriptors[index].revents != 0 {
                let from = descriptors[index].fd, to = descriptors[1 - index].fd
                let count = read(from, &buffer, buffer.count)
                if count <= 0 { return }
                if !writeAll(to, buffer, count) { return }
                let cut = lock.withLock { () -> Bool in
                    forwarded += count
                    if let stallThreshold, forwarded >= stallThreshold { stalled = true }
                    return cutThreshold.map { forwarded >= $0 } ?? false
                }
                if cut {
                    cutAll()
                    return
                }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let n = buffer.withUnsafeBytes { send(fd, $0.baseAddress! + offset, count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
