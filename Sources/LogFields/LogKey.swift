/// The metadata keys fladaemon logs with, one name each, so the same fact is never logged under two
/// keys. journald receives them upper-cased (`state` → `STATE`, `submission_id` → `SUBMISSION_ID`).
public enum LogKey {
    /// The flow code of the submission or export (`FLAX`, `DMFA`, ...).
    public static let flow = "flow"
    /// The submission's state after the event (`prepared`, `sent`, `accepted`, ...).
    public static let state = "state"
    public static let submissionID = "submission_id"
    public static let exportID = "export_id"
    /// The export's name as the exporter dropped it.
    public static let sourceFile = "source_file"
    /// A file name on the server (an FI, GO, or an answer).
    public static let remoteName = "remote_name"
    /// The submission's sequence number in its name.
    public static let sequence = "sequence"
}
