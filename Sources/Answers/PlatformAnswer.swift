/// One form of an answer file, as read: an ACRF or a NOTIFICATION.
public enum PlatformAnswer: Hashable, Sendable {
    case acrf(ACRFAnswer)
    case notification(NotificationAnswer)

    /// The answer type as it appears in answer file names and in the journal: `ACRF` or `NOTI`.
    public var typeCode: String {
        switch self {
        case .acrf: return "ACRF"
        case .notification: return "NOTI"
        }
    }

    public var ticket: String? {
        switch self {
        case .acrf(let acrf): return acrf.ticket
        case .notification(let notification): return notification.ticket
        }
    }

    public var resultCode: Int {
        switch self {
        case .acrf(let acrf): return acrf.result.rawValue
        case .notification(let notification): return notification.result.rawValue
        }
    }
}
