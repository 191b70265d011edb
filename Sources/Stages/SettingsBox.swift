import Settings
import Synchronization

/// The settings in force. A reload swaps in a whole new value; every stage reads the current one at
/// the start of each step, so a step never sees half of an old and half of a new configuration.
public final class SettingsBox: Sendable {
    private let current: Mutex<(settings: FladaemonSettings, generation: Int)>

    public init(_ settings: FladaemonSettings) { current = Mutex((settings, 1)) }

    public var settings: FladaemonSettings { current.withLock { $0.settings } }

    /// Grows by one at every reload.
    public var generation: Int { current.withLock { $0.generation } }

    public func replace(with settings: FladaemonSettings) {
        current.withLock { $0 = (settings, $0.generation + 1) }
    }
}
