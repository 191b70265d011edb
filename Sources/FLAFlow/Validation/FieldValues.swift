/// The values of one row by canonical field: trimmed, empty cells as nil, profile defaults filled in.
public struct FieldValues: Sendable {
    private var values: [String?]

    public init() { values = Array(repeating: nil, count: CanonicalField.allCases.count) }

    /// Builds the values of a CSV row through the header mapping.
    init(row fields: [String], mapping: HeaderMapping) {
        self.init()
        fill(row: fields, mapping: mapping)
    }

    /// Replaces every value with those of the next CSV row, reusing the storage (a reader calls this once
    /// per row, so a row costs no allocation here).
    mutating func fill(row fields: [String], mapping: HeaderMapping) {
        for index in values.indices { values[index] = nil }
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
        // The first and last bytes straight from the string's storage (the generic `utf8.last` is slow).
        let edges = text.utf8.withContiguousStorageIfAvailable { bytes -> (UInt8, UInt8)? in
            guard let first = bytes.first, let last = bytes.last else { return nil }
            return (first, last)
        } ?? text.utf8.first.map { ($0, text.utf8.last ?? $0) }
        guard let (first, last) = edges else { return nil }
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
