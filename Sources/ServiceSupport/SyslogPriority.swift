import Logging

extension Logger.Level {
    /// The syslog priority journald stores in `PRIORITY=` (0 emerg ... 7 debug).
    /// swift-log has no emergency or alert level; trace and debug both map to debug.
    public var syslogPriority: Int {
        switch self {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
