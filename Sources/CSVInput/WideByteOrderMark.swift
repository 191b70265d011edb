/// The byte order mark of a UTF-16 or UTF-32 text: Excel's "Unicode text" and some export tools write
/// those, and the CSV reader does not take them (exporters save as UTF-8 or Windows-1252).
public enum WideByteOrderMark: Hashable, Sendable, CaseIterable {
    case utf32LittleEndian, utf32BigEndian, utf16LittleEndian, utf16BigEndian

    /// The mark `bytes` start with. UTF-32 LE's mark begins with UTF-16 LE's, so it is looked for first.
    public init?(startOf bytes: some Collection<UInt8>) {
        guard let mark = Self.allCases.first(where: { bytes.starts(with: $0.bytes) }) else { return nil }
        self = mark
    }

    public var bytes: [UInt8] {
        switch self {
        case .utf32LittleEndian: return [0xFF, 0xFE, 0x00, 0x00]
        case .utf32BigEndian: return [0x00, 0x00, 0xFE, 0xFF]
        case .utf16LittleEndian: return [0xFF, 0xFE]
        case .utf16BigEndian: return [0xFE, 0xFF]
        }
    }

    public var encodingName: String {
        switch self {
        case .utf32LittleEndian, .utf32BigEndian: return "UTF-32"
        case .utf16LittleEndian, .utf16BigEndian: return "UTF-16"
        }
    }

    /// `FF FE`, as a hex viewer shows it.
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined(separator: " ")
    }
}
