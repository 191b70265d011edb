import ServiceLifecycle

/// Waits, but lets a graceful shutdown end the wait early.
func cancelWhenGracefulShutdownIgnoringErrors(_ body: @escaping @Sendable () async -> Void) async {
    await cancelWhenGracefulShutdown { await body() }
}
