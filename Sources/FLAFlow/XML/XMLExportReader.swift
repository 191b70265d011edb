import SafeXML

/// Reads a canonical export XML (`fla_export`, schema fla-export-1.xsd) record by record.
///
/// Records of both kinds may be mixed. Each record element is read whole (a few hundred bytes), its
/// child elements become the same `FieldValues` a CSV row gives, and the shared `RecordValidator` and
/// `DuplicateRecordDetector` decide, so CSV and XML exports are judged by the same rules. Problems
/// point at the line of the offending field element.
///
/// Thrown (the whole file is refused): unsafe or malformed XML, another root element, an element
/// other than a record under the root. Rejected (that record only): an unknown, repeated or nested
/// field element, an attribute on a record, and every value problem.
public struct XMLExportReader: ExportReader {
    public static let supportedVersion = "1"

    public let file: String
    private let reader: XMLStreamReader
    private let validator: RecordValidator
    private var duplicates: DuplicateRecordDetector

    public init(path: String, displayName: String? = nil, limits: XMLParsingLimits = .largeDocuments,
                duplicates: DuplicateRecordDetector = DuplicateRecordDetector()) throws(RecordProblem) {
        self.duplicates = duplicates
        let name = displayName ?? path
        file = name
        validator = RecordValidator(file: name)
        do {
            reader = try XMLStreamReader(fileAt: path, limits: limits)
        } catch {
            throw Self.problem(error, file: name)
        }
        try readRoot()
    }

    public mutating func lateDuplicates() throws(RecordProblem) -> LateDuplicates {
        try duplicates.lateDuplicates(file: file)
    }

    public mutating func next() throws(RecordProblem) -> ExportItem? {
        do {
            while let event = try reader.next() {
                switch event {
                case .startElement(let tag):
                    guard let kind = Self.kind(of: tag.name) else {
                        throw RecordProblem(file: file, line: tag.line, reason:
                            "<\(tag.name)> is not a record: <\(ExportKind.canonicalRoot)> holds <training_right> "
                            + "and <training_followed> elements")
                    }
                    return item(for: try reader.readElement(tag), kind: kind)
                case .text(_, let line):
                    throw RecordProblem(file: file, line: line, reason: "text outside any record")
                case .endElement:
                    continue
                }
            }
            return nil
        } catch let error as XMLError {
            throw Self.problem(error, file: file)
        } catch let problem as RecordProblem {
            throw problem
        } catch {
            throw RecordProblem(file: file, reason: "\(error)")
        }
    }

    private func readRoot() throws(RecordProblem) {
        do {
            while let event = try reader.next() {
                guard case .startElement(let root) = event else { continue }
                guard root.name == ExportKind.canonicalRoot else {
                    throw RecordProblem(file: file, line: root.line, reason:
                        "the root element is <\(root.name)>: a canonical export starts with <\(ExportKind.canonicalRoot)>")
                }
                if let version = root.attribute("version"), version != Self.supportedVersion {
                    throw RecordProblem(file: file, line: root.line, field: "version", value: version,
                                        reason: "is not supported: this fladaemon reads version \(Self.supportedVersion)")
                }
                return
            }
        } catch let error as XMLError {
            throw Self.problem(error, file: file)
        } catch let problem as RecordProblem {
            throw problem
        } catch {
            throw RecordProblem(file: file, reason: "\(error)")
        }
        throw RecordProblem(file: file, reason: "the document has no root element")
    }

    /// Element name → field, built once: the synthesized `init(rawValue:)` compares the names one by one.
    private static let fieldsByName = Dictionary(uniqueKeysWithValues: CanonicalField.allCases.map { ($0.rawValue, $0) })

    private mutating func item(for element: XMLElement, kind: RecordKind) -> ExportItem {
        var values = FieldValues()
        // The line of each field element, by field ordinal.
        var lines = [Int?](repeating: nil, count: CanonicalField.allCases.count)
        var structural: [RecordProblem] = []
        // Fields present but unusable (nested elements): their structural problem says it all.
        var unusable: Set<String> = []
        for attribute in element.attributes {
            structural.append(RecordProblem(file: file, line: element.line, field: attribute.name,
                                            reason: "attributes are not used on <\(element.name)>"))
        }
        for child in element.children {
            guard let field = Self.fieldsByName[child.name], field.kinds.contains(kind) else {
                structural.append(RecordProblem(file: file, line: child.line, field: child.name,
                                                reason: "is not a field of \(kind)"))
                continue
            }
            if let first = lines[field.ordinal] {
                structural.append(RecordProblem(file: file, line: child.line, field: child.name,
                                                reason: "appears twice (first on line \(first))"))
                continue
            }
            lines[field.ordinal] = child.line
            guard child.children.isEmpty else {
                unusable.insert(child.name)
                structural.append(RecordProblem(file: file, line: child.line, field: child.name,
                                                reason: "must hold text only, not elements"))
                continue
            }
            values[field] = child.text
        }
        func line(of fieldName: String?) -> Int? {
            fieldName.flatMap { Self.fieldsByName[$0] }.flatMap { lines[$0.ordinal] }
        }

        // The validator knows one line per record; in XML each field has its own.
        func placed(_ problems: inout [RecordProblem]) {
            for index in problems.indices {
                if let fieldLine = line(of: problems[index].field) { problems[index].line = fieldLine }
            }
        }
        var outcome = validator.validate(values, kind: kind, line: element.line)
        if !outcome.problems.isEmpty {
            outcome.problems.removeAll { $0.field.map(unusable.contains) ?? false }
            placed(&outcome.problems)
        }
        if !outcome.warnings.isEmpty { placed(&outcome.warnings) }
        var problems = structural + outcome.problems
        if let employer = outcome.employer, let recordID = outcome.recordID,
           let earlier = duplicates.register(kind: kind, employer: employer, recordID: recordID, line: element.line) {
            problems.append(RecordProblem(
                file: file, line: lines[CanonicalField.recordID.ordinal] ?? element.line,
                field: CanonicalField.recordID.rawValue, value: FieldCheck.printable(recordID, of: .recordID),
                reason: "is already used on line \(earlier) for employer \(employer)"))
        }
        guard problems.isEmpty, let record = outcome.record else { return .rejected(problems) }
        return .record(SourcedRecord(record: record, line: element.line, warnings: outcome.warnings))
    }

    private static func kind(of name: String) -> RecordKind? {
        switch name {
        case "training_right": return .trainingRight
        case "training_followed": return .trainingFollowed
        default: return nil
        }
    }

    static func problem(_ error: XMLError, file: String) -> RecordProblem {
        RecordProblem(file: file, line: error.line, reason: error.message)
    }
}
