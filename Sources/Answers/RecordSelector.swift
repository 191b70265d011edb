/// Which record of an FI an anomaly points at, read from its `Path` (or its INSS value).
public enum RecordSelector: Hashable, Sendable {
    /// `.../Records/*[n]`: the n-th record, whatever its kind (1-based).
    case position(Int)
    /// `.../Records/TrainingRight[n]`: the n-th record of that element name (1-based).
    case element(name: String, index: Int)
    /// `...[Worker/INSS='85073003328']`, or TagName `INSS` with that Value: the first record of that worker.
    case worker(inss: String)

    /// Reads the path first; when it locates nothing, an anomaly on the INSS itself names its worker.
    public init?(anomaly: AnswerAnomaly) {
        if let path = anomaly.path, let selector = RecordSelector(path: path) {
            self = selector
        } else if let tag = anomaly.tagName, PersonalDataMask.nationalNumberTags.contains(tag.uppercased()),
                  let value = anomaly.value, let inss = Self.inssDigits(value) {
            self = .worker(inss: inss)
        } else {
            return nil
        }
    }

    /// Understands the XPath-like forms the platform uses below `Records`; nil for a path outside the
    /// records (the declarant, the form header) or one that names no single record.
    public init?(path: String) {
        let segments = Self.segments(of: path)
        if let records = segments.firstIndex(where: { Self.localName($0.name) == "Records" }),
           records + 1 < segments.count {
            let record = segments[records + 1]
            let name = Self.localName(record.name)
            for predicate in record.predicates {
                if let index = Self.index(predicate) {
                    self = name == "*" ? .position(index) : .element(name: String(name), index: index)
                    return
                }
            }
        }
        // An INSS condition anywhere (on the record, on its Worker) names the worker.
        for segment in segments {
            for predicate in segment.predicates {
                if let inss = Self.inssCondition(predicate) {
                    self = .worker(inss: inss)
                    return
                }
            }
        }
        return nil
    }

    // MARK: Reading a path

    struct Segment {
        var name: Substring
        var predicates: [Substring]
    }

    /// Splits on `/` outside brackets: `a/b[c/d='1'][2]` is `a`, then `b` with predicates `c/d='1'` and `2`.
    static func segments(of path: String) -> [Segment] {
        var segments: [Segment] = []
        var current = Segment(name: "", predicates: [])
        var depth = 0
        var nameStart = path.startIndex, predicateStart = path.startIndex
        var nameEnd: String.Index?
        var index = path.startIndex
        while index < path.endIndex {
            let character = path[index]
            switch character {
            case "[":
                if depth == 0 {
                    if nameEnd == nil { nameEnd = index }
                    predicateStart = path.index(after: index)
                }
                depth += 1
            case "]" where depth > 0:
                depth -= 1
                if depth == 0 { current.predicates.append(path[predicateStart..<index]) }
            case "/" where depth == 0:
                current.name = path[nameStart..<(nameEnd ?? index)]
                if !current.name.isEmpty || !current.predicates.isEmpty { segments.append(current) }
                current = Segment(name: "", predicates: [])
                nameStart = path.index(after: index)
                nameEnd = nil
            default:
                break
            }
            index = path.index(after: index)
        }
        current.name = path[nameStart..<(nameEnd ?? path.endIndex)]
        if !current.name.isEmpty { segments.append(current) }
        return segments
    }

    static func localName(_ name: Substring) -> Substring {
        let trimmed = name.trimmingSpaces
        guard let colon = trimmed.lastIndex(of: ":") else { return trimmed }
        return trimmed[trimmed.index(after: colon)...]
    }

    /// `2` → 2; XPath positions start at 1.
    static func index(_ predicate: Substring) -> Int? {
        let text = predicate.trimmingSpaces
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit), let value = Int(text), value >= 1 else {
            return nil
        }
        return value
    }

    /// `Worker/INSS='85073003328'`, `INSS="85073003328"`, `.//INSS = 85073003328` → the 11 digits.
    static func inssCondition(_ predicate: Substring) -> String? {
        guard let equals = predicate.firstIndex(of: "=") else { return nil }
        let left = predicate[..<equals].trimmingSpaces
        guard PersonalDataMask.nationalNumberTags.contains(String(localName(left.split(separator: "/").last ?? "")).uppercased()) else {
            return nil
        }
        var right = predicate[predicate.index(after: equals)...].trimmingSpaces
        if let first = right.first, first == "'" || first == "\"" {
            right = right.dropFirst()
            if right.last == first { right = right.dropLast() }
        }
        return inssDigits(String(right))
    }

    /// The 11 digits of a national number written with or without separators.
    static func inssDigits(_ text: String) -> String? {
        var digits = ""
        for character in text {
            if character.isASCIIDigit { digits.append(character) }
            else if character == "." || character == "-" || character == " " { continue }
            else { return nil }
            if digits.count > 11 { return nil }
        }
        return digits.count == 11 ? digits : nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\n" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\n" || last == "\r" { text = text.dropLast() }
        return text
    }
}
