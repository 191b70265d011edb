/// The field separators exporters use.
public enum CSVDelimiter: String, Hashable, Sendable, CaseIterable {
    case semicolon = ";"
    case comma = ","
    case tab = "\t"

    public var byte: UInt8 {
        switch self {
        case .semicolon: return UInt8(ascii: ";")
        case .comma: return UInt8(ascii: ",")
        case .tab: return UInt8(ascii: "\t")
        }
    }

    public var scalar: Unicode.Scalar { Unicode.Scalar(byte) }

    /// For messages: `semicolons`, `commas`, `tabs`.
    public var name: String {
        switch self {
        case .semicolon: return "semicolons"
        case .comma: return "commas"
        case .tab: return "tabs"
        }
    }
}
