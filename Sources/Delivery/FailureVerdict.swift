import Faults
import Transport

/// What to do about an error met while working on one item (a submission to upload, the answers to
/// collect): the one place that decides, for the daemon's stages and the commands alike.
public enum FailureVerdict: Sendable, Equatable {
    /// The network or the server, for now: the item stays as it is and is tried again later, with backoff.
    case retryLater
    /// Our key, the host key or the account was refused: nothing more is tried on the channel until the
    /// configuration is fixed and reloaded. The items stay as they are, and go out by themselves after.
    case pauseChannel
    /// A condition of the machine (full disk, I/O error, rights): the stage pauses until a write
    /// succeeds again. The items stay as they are; nothing is blamed on them.
    case pauseForMachine(MachineCondition)
    /// A fault of this item alone: it stops (`failed`) with its reason, and the others go on.
    case stopItem

    public init(_ error: any Error) {
        if let transport = error as? TransportError {
            if transport.isTransient { self = .retryLater; return }
            if transport.concernsTheChannel { self = .pauseChannel; return }
        }
        if let condition = MachineCondition(error) {
            self = .pauseForMachine(condition)
            return
        }
        self = .stopItem
    }

    /// Whether the other items can go on now: only when this one failed for a reason of its own.
    public var othersMayProceed: Bool { self == .stopItem }
}
