#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Opens a TCP connection within a deadline: every address `getaddrinfo` returns (IPv6 and
/// IPv4) is tried in turn with a non-blocking connect and `poll`, so an unreachable or
/// black-holed address costs at most the remaining time, never the kernel's minutes-long default.
enum TCPConnector {
    static func connect(to endpoint: SSHEndpoint, deadline: ContinuousClock.Instant) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        // Name resolution blocks under the resolver's own timeouts (resolv.conf); it cannot be polled.
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            throw TransportError.unresolvable(endpoint: endpoint, detail: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var failures: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw TransportError.timedOut(operation: "connecting to \(endpoint)", limit: nil)
            }
            switch attempt(info.pointee, remaining: remaining) {
            case .success(let socket):
                return socket
            case .failure(let message):
                failures.append(message)
            }
        }
        if failures.allSatisfy({ $0 == timeoutMessage }) {
            throw TransportError.timedOut(operation: "connecting to \(endpoint)", limit: nil)
        }
        throw TransportError.connectFailed(endpoint: endpoint, detail: failures.joined(separator: "; "))
    }

    private static let timeoutMessage = "timed out"

    private enum Attempt {
        case success(Int32)
        case failure(String)
    }

    private static func attempt(_ info: addrinfo, remaining: Duration) -> Attempt {
        let socket = Glibc.socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        guard socket >= 0 else { return .failure("socket: \(errnoText())") }
        let flags = fcntl(socket, F_GETFL)
        _ = fcntl(socket, F_SETFL, flags | O_NONBLOCK)

        if Glibc.connect(socket, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else {
                let message = errnoText()
                close(socket)
                return .failure(message)
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            let ready = pollRetryingInterrupts(&descriptor, until: ContinuousClock.now + remaining)
            guard ready > 0 else {
                close(socket)
                return .failure(ready == 0 ? timeoutMessage : "poll: \(errnoText())")
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socket, SOL_SOCKET, SO_ERROR, &socketError, &length)
            guard socketError == 0 else {
                close(socket)
                return .failure(String(cString: strerror(socketError)))
            }
        }
        var one: Int32 = 1
        // SFTP is request/response: Nagle would hold small packets back for an ACK.
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(socket, SOL_SOCKET, SO_KEEPALIVE, &one, socklen_t(MemoryLayout<Int32>.size))
        return .success(socket)
    }

    private static func pollRetryingInterrupts(_ descriptor: inout pollfd, until deadline: ContinuousClock.Instant) -> Int32 {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return 0 }
            let result = poll(&descriptor, 1, Int32(clamping: left.clampedMilliseconds))
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
