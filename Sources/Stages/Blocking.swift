import Dispatch

/// Runs blocking work (libssh2 calls, file conversion, SQLite) on a thread of its own, never on the
/// two threads of Swift's cooperative pool, which would starve every other stage while it waits.
public enum Blocking {
    private static let queue = DispatchQueue(label: "fladaemon.blocking", attributes: .concurrent)

    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
