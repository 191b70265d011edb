/// Whether a journal may hand out names, given what the spool's archive (and the server) shows was
/// used: a journal that is missing, empty or behind that evidence would start again from a number
/// the platform has already seen (code 133). Pure: the caller gathers the evidence and reads the journal.
public enum SequenceFloorCheck {
    /// How the journal file was found.
    public enum Standing: Sendable, Equatable {
        case missing
        /// A file of zero bytes: nothing was ever written in it.
        case empty
        case present(JournalHighWater)
    }

    /// Where the journal is behind the evidence, highest dates first; empty when it is not.
    public static func gaps(_ journal: JournalHighWater, evidence: SequenceEvidence) -> [SequenceGap] {
        var gaps: [SequenceGap] = []
        for (key, shown) in evidence.highest.sorted(by: { $0.key > $1.key }) {
            let known = journal.sequences[key] ?? 0
            if shown.sequence > known { gaps.append(.sequence(key, journal: known, shown: shown)) }
        }
        if let export = evidence.highestExport, export.id > journal.highestExportID {
            gaps.append(.export(journal: journal.highestExportID, shown: export.id, place: export.place))
        }
        return gaps
    }

    /// Nil when the journal may be used; otherwise the refusal to show the operator. No evidence (a
    /// fresh install) never refuses, whatever the journal.
    public static func refusal(_ standing: Standing, evidence: SequenceEvidence, journalPath: String,
                               recovery: String) -> StaleJournalError? {
        guard !evidence.isEmpty else { return nil }
        switch standing {
        case .missing:
            return StaleJournalError(journalPath: journalPath, kind: .missing, evidence: evidence,
                                     gaps: gaps(JournalHighWater(), evidence: evidence), recovery: recovery)
        case .empty:
            return StaleJournalError(journalPath: journalPath, kind: .empty, evidence: evidence,
                                     gaps: gaps(JournalHighWater(), evidence: evidence), recovery: recovery)
        case .present(let highWater):
            let found = gaps(highWater, evidence: evidence)
            if found.isEmpty { return nil }
            return StaleJournalError(journalPath: journalPath, kind: .behind, evidence: evidence, gaps: found,
                                     recovery: recovery)
        }
    }
}
