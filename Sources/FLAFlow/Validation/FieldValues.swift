/// The values of one row by canonical field: trimmed, empty cells as nil, profile defaults filled in.
public struct FieldValues: Sendable {
    private var values: [String?]

    public init() { values = Array(repeating: nil, count: CanonicalField.allCases.count) }

    /// Builds the values of a CSV row through the header mapping.
    init(row fields: [String], mapping: HeaderMapping) {
        self.init()
        for (index, field) in mapping.columns where index < fields.count {
            values[field.ordinal] = Self.trimmed(fields[index])
        }
        for (field, value) in mapping.defaults where values[field.ordinal] == nil {
            values[field.ordinal] = Self.trimmed(value)
        }
    }

    public subscript(field: CanonicalField) -> String? {
        get { values[field.ordinal] }
        set { values[field.ordinal] = newValue.flatMap(Self.trimmed) }
    }

    /// Spaces around a value are padding, not data; an empty cell is no value.
    static func trimmed(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        // Fast path: most cells have no padding at all (0xC2 / 0xA0 may be a no-break space).
        if first != 0x20 && first != 0x09 && first != 0xC2 && last != 0x20 && last != 0x09 && last != 0xA0 {
            return text
        }
        let trimmed = text.trimmingPadding()
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    func trimmingPadding() -> String {
        let padding: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !padding($0) }), let end = lastIndex(where: { !padding($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
