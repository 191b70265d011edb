/// A named mapping profile for a vendor's export: which vendor column gives which canonical field, which
/// columns to ignore, and values for fields the vendor file lacks.
///
/// A plain value: the configuration layer builds it from YAML. Vendor header names are compared folded
/// like every header (`HeaderAliases.fold`). A canonical or alias header needs no profile entry.
public struct ColumnProfile: Hashable, Sendable {
    public var name: String
    /// Vendor header → canonical field.
    public var columns: [String: CanonicalField]
    /// Vendor headers whose columns are dropped unread.
    public var ignore: [String]
    /// Values used when a field's column is missing or its cell is empty (e.g. the one employer of the file).
    public var defaults: [CanonicalField: String]
    /// Forces the record kind instead of recognising it from the header.
    public var recordKind: RecordKind?

    public init(name: String, columns: [String: CanonicalField] = [:], ignore: [String] = [],
                defaults: [CanonicalField: String] = [:], recordKind: RecordKind? = nil) {
        self.name = name
        self.columns = columns
        self.ignore = ignore
        self.defaults = defaults
        self.recordKind = recordKind
    }

    /// Builds a profile from plain strings, as a configuration file holds them; canonical field names are
    /// checked (`employer_bce`, ...).
    public init(name: String, columnNames: [String: String], ignore: [String] = [],
                defaultValues: [String: String] = [:], recordKind: RecordKind? = nil) throws(ColumnProfileError) {
        var columns: [String: CanonicalField] = [:]
        for (vendor, canonical) in columnNames {
            guard let field = CanonicalField(rawValue: canonical) else {
                throw ColumnProfileError(profile: name, unknownField: canonical)
            }
            columns[vendor] = field
        }
        var defaults: [CanonicalField: String] = [:]
        for (canonical, value) in defaultValues {
            guard let field = CanonicalField(rawValue: canonical) else {
                throw ColumnProfileError(profile: name, unknownField: canonical)
            }
            defaults[field] = value
        }
        self.init(name: name, columns: columns, ignore: ignore, defaults: defaults, recordKind: recordKind)
    }
}

/// A profile names a field the canonical export does not have.
public struct ColumnProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var profile: String
    public var unknownField: String

    public init(profile: String, unknownField: String) {
        self.profile = profile
        self.unknownField = unknownField
    }

    public var description: String {
        let known = CanonicalField.allCases.map(\.rawValue).joined(separator: ", ")
        return "profile \(profile): \"\(unknownField)\" is not a canonical field (known: \(known))"
    }
}
