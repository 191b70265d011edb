/// Which column of a CSV header feeds which canonical field, and the record kind the header describes.
///
/// Built once per file. Everything wrong with a header is a problem with the whole file: unknown columns,
/// two columns for one field, a header whose kind cannot be told, or missing required columns.
public struct HeaderMapping: Sendable {
    public let kind: RecordKind
    /// Column index → field, for the columns that are read.
    public let columns: [(index: Int, field: CanonicalField)]
    /// Columns without a header name (a trailing delimiter on every line): they must stay empty.
    public let unnamedColumns: [Int]
    /// The header text each field comes from, for messages (the canonical name when it comes from a default).
    public let columnNames: [CanonicalField: String]
    public let defaults: [CanonicalField: String]

    public init(header: [String], profile: ColumnProfile? = nil, file: String, line: Int) throws(RecordProblem) {
        func fail(_ reason: String) -> RecordProblem { RecordProblem(file: file, line: line, reason: reason) }
        let profileColumns = Dictionary(profile?.columns.map { (HeaderAliases.fold($0.key), $0.value) } ?? [],
                                        uniquingKeysWith: { first, _ in first })
        let ignored = Set(profile?.ignore.map(HeaderAliases.fold) ?? [])

        var columns: [(index: Int, field: CanonicalField)] = []
        var names: [CanonicalField: String] = [:]
        var unknown: [String] = [], unnamed: [Int] = [], duplicates: [String] = []
        for (index, name) in header.enumerated() {
            let folded = HeaderAliases.fold(name)
            if folded.isEmpty, name.allSatisfy(\.isWhitespace) { unnamed.append(index); continue }
            if ignored.contains(folded) { continue }
            guard let field = profileColumns[folded] ?? HeaderAliases.table[folded] else {
                unknown.append(name)
                continue
            }
            if let earlier = names[field] {
                duplicates.append("\"\(earlier)\" and \"\(name)\" both give \(field)")
                continue
            }
            names[field] = name
            columns.append((index, field))
        }
        let defaults = profile?.defaults ?? [:]
        let available = Set(names.keys).union(defaults.keys)

        var problems: [String] = []
        if !duplicates.isEmpty { problems.append("two columns for one field: " + duplicates.joined(separator: "; ")) }
        let resolvedKind: RecordKind?
        if let forced = profile?.recordKind {
            resolvedKind = forced
        } else {
            let rights = available.filter { $0.kinds == [.trainingRight] }.sorted(by: Self.canonicalOrder)
            let followed = available.filter { $0.kinds == [.trainingFollowed] }.sorted(by: Self.canonicalOrder)
            switch (rights.isEmpty, followed.isEmpty) {
            case (false, true): resolvedKind = .trainingRight
            case (true, false): resolvedKind = .trainingFollowed
            case (false, false):
                resolvedKind = nil
                problems.append("the header mixes columns of training rights (\(Self.list(rights))) and of trainings "
                                + "followed (\(Self.list(followed))): one record kind per file")
            case (true, true):
                resolvedKind = nil
                problems.append("cannot tell the record kind: the header has no column of training rights "
                                + "(year, days, joint_committee) nor of trainings followed (training_name, start_date, ...)")
            }
        }
        if !unknown.isEmpty {
            let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            var reason = "unknown column\(unknown.count == 1 ? "" : "s") \(quoted)"
            if let resolvedKind {
                reason += " (\(resolvedKind) columns are \(Self.list(CanonicalField.fields(of: resolvedKind))))"
            }
            reason += "; a mapping profile can map or ignore vendor columns"
            problems.append(reason)
        }
        if let resolvedKind {
            let foreign = names.keys.filter { !$0.kinds.contains(resolvedKind) }.sorted(by: Self.canonicalOrder)
            if !foreign.isEmpty, profile?.recordKind != nil {
                problems.append("columns \(Self.list(foreign)) do not belong to \(resolvedKind)")
            }
            let missing = CanonicalField.fields(of: resolvedKind)
                .filter { $0.isRequired(for: resolvedKind) && !available.contains($0) }
            if !missing.isEmpty {
                problems.append("missing required column\(missing.count == 1 ? "" : "s") for \(resolvedKind): "
                                + Self.list(missing))
            }
        }
        guard problems.isEmpty, let resolvedKind else { throw fail(problems.joined(separator: "; ")) }

        kind = resolvedKind
        self.columns = columns
        unnamedColumns = unnamed
        var allNames = names
        for field in defaults.keys where allNames[field] == nil { allNames[field] = field.rawValue }
        columnNames = allNames
        self.defaults = defaults
    }

    /// The name to show for a field in a problem: the file's own header text.
    public func columnName(of field: CanonicalField) -> String { columnNames[field] ?? field.rawValue }

    private static func canonicalOrder(_ a: CanonicalField, _ b: CanonicalField) -> Bool { a.ordinal < b.ordinal }
    private static func list(_ fields: [CanonicalField]) -> String { fields.map(\.rawValue).joined(separator: ", ") }
}
