/// Why a remote file name was refused by `RemoteName(validating:)`.
public enum RemoteNameRefusal: Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong(length: Int, limit: Int)
    case pathSeparator
    case parentReference
    case hidden
    case controlCharacter
    case nonASCII
    case disallowedCharacter(Character)

    public var description: String {
        switch self {
        case .empty: return "the name is empty"
        case .tooLong(let length, let limit): return "the name is \(length) bytes long (limit \(limit))"
        case .pathSeparator: return "the name contains a path separator"
        case .parentReference: return "the name contains `..`"
        case .hidden: return "the name starts with a dot"
        case .controlCharacter: return "the name contains a control character"
        case .nonASCII: return "the name contains a non-ASCII byte"
        case .disallowedCharacter(let c): return "the name contains the character `\(c)`"
        }
    }
}
