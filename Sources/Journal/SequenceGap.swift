/// One place where the spool (or the server) shows more than the journal knows.
public enum SequenceGap: Sendable, Equatable, CustomStringConvertible {
    /// `shown` was used, but the journal would hand out `journal + 1` next.
    case sequence(SequenceKey, journal: Int, shown: SequenceEvidence.Sighting)
    /// Export `shown` has files in the spool, but the journal would number the next export `journal + 1`.
    case export(journal: Int64, shown: Int64, place: String)

    public var description: String {
        switch self {
        case .sequence(let key, let journal, let shown):
            let reached = journal == 0 ? "has no sequence" : "reaches sequence \(Self.fiveDigits(journal))"
            return "for \(key.nameDate) (\(key.environment), sender \(key.sender)) the journal \(reached) but "
                + "\(shown.name) in \(shown.place) used \(Self.fiveDigits(shown.sequence))"
        case .export(let journal, let shown, let place):
            return "the journal numbered exports up to \(journal) but \(place) is export \(shown)"
        }
    }

    static func fiveDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
