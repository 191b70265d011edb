/// Why an FI document could not be written as asked.
public enum FIDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    case noRecords
    case alreadyFinished
    /// Amounts in an FI are never negative; a record that has one was not built by the validator.
    case negativeAmount(element: String)

    public var description: String {
        switch self {
        case .noRecords: return "an FI must hold at least one record"
        case .alreadyFinished: return "the FI is already finished"
        case .negativeAmount(let element): return "<\(element)> cannot be negative"
        }
    }
}
