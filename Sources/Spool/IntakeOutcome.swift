/// What became of one attempt to take a file.
public enum IntakeOutcome: Sendable, Hashable {
    /// Taken into `work/` and recorded: ready for conversion.
    case claimed(ClaimedExport)
    /// Same content as an earlier export: recorded as a duplicate and set aside in `failed/` (not sent).
    /// The record's `detail` names the earlier export.
    case duplicate(ClaimedExport, keptAt: String)
    /// Not something intake may take (a link, a pipe, ...): set aside in `failed/` with its reason.
    case quarantined(name: String, keptAt: String, reason: String)
    /// Its size or time changed while it was being read: put back into `incoming/` to settle again.
    case stillWritten(name: String)
    /// Gone before intake could take it (the exporter removed or renamed it).
    case vanished(name: String)
    /// Left alone: an ignored name or a folder.
    case skipped(name: String)
}
