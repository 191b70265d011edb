import BatchFormat
import Journal

extension SequenceEvidence {
    /// Counts `text` when it is a name `sender` sends (FI, FS, GO or TD with a numeric sequence); the
    /// platform's own answers carry its sender number, never ours. Returns whether it was counted.
    @discardableResult
    public mutating func note(name text: String, sentBy sender: String, place: String) -> Bool {
        guard let name = try? BatchFileName(parsing: text), name.sender.text == sender,
              [BatchFileKind.fi, .fs, .go, .td].contains(name.kind), name.submission.hasNumericSequence else {
            return false
        }
        note(SequenceKey(sender: sender, nameDate: name.date.compact, environment: name.environment.letter),
             sequence: name.sequence, name: name.text, place: place)
        return true
    }
}
