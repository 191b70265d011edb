import Faults
import FLAFlow

/// Why an export produced no submission.
public enum ConversionError: Error, Sendable, CustomStringConvertible {
    /// The same content was already converted (export id, its file name); `--force` converts it again.
    case alreadyConverted(exportID: Int64, sourceFile: String)
    /// The file as a whole cannot be read (undecodable, malformed, DOCTYPE, ...).
    case unreadable(RecordProblem)
    /// Some records are invalid and partial sending is off; the report lists them.
    case invalidRecords(rejected: Int, valid: Int)
    case noRecords(file: String)
    /// A produced FI does not validate against the schema: a bug or a wrong official XSD.
    case schemaViolation(file: String, messages: [String])
    case signing(String)
    case io(String)
    /// The machine refused (a full disk, an I/O error, the journal): nothing was prepared or set aside,
    /// and the export waits to be converted again.
    case machine(MachineCondition)

    /// `error` as a conversion failure, keeping a condition of the machine for what it is; `doing`
    /// prefixes the text of any other.
    static func from(_ error: any Error, doing: String? = nil) -> ConversionError {
        if let error = error as? ConversionError { return error }
        if let condition = MachineCondition(error) { return .machine(condition) }
        return .io(doing.map { "\($0): \(error)" } ?? String(describing: error))
    }

    public var description: String {
        switch self {
        case .alreadyConverted(let id, let name):
            return "this content was already converted as export \(id) (\(name)); use --force to convert it again"
        case .unreadable(let problem):
            return problem.description
        case .invalidRecords(let rejected, let valid):
            return "\(rejected) invalid record(s) (and \(valid) valid): nothing was prepared; fix the export, or allow sending the valid records"
        case .noRecords(let file):
            return "\(file): no record to send"
        case .schemaViolation(let file, let messages):
            return "\(file) does not validate against the FI schema: " + messages.prefix(5).joined(separator: "; ")
        case .signing(let message):
            return "signing failed: \(message)"
        case .io(let message):
            return message
        case .machine(let condition):
            return "\(condition); the export waits and is converted once this is fixed"
        }
    }
}
