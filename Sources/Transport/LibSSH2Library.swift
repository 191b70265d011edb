import CLibSSH2

/// Process-wide libssh2 initialisation.
///
/// `libssh2_init` is not thread-safe and must run once before any session is created; a Swift
/// `static let` is initialised lazily and exactly once (under a lock), which gives us both.
enum LibSSH2Library {
    private static let initResult: Int32 = libssh2_init(0)

    static func ensureInitialized() throws {
        guard initResult == 0 else {
            throw TransportError.libraryUnavailable(detail: "libssh2_init failed with code \(initResult)")
        }
    }
}
