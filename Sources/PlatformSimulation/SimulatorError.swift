import SafeXML

/// Why the simulator cannot run or could not finish a pass. Problems with a submission are not
/// errors: they are the platform's verdict, written as an ACRF.
public enum SimulatorError: Error, Sendable, CustomStringConvertible {
    /// The state folder cannot be created, locked or read.
    case stateUnusable(folder: String, reason: String)
    /// A platform folder under the SFTP root cannot be created or listed.
    case folderUnusable(path: String, reason: String)
    /// The XSD for FI files could not be compiled.
    case schemaUnusable(XMLError)
    /// The trusted certificates file cannot be read.
    case trustedCertificatesUnreadable(path: String)
    /// An answer file or the state could not be written.
    case cannotWrite(path: String, reason: String)
    /// A consumed file could not be removed from the IN folder.
    case cannotRemove(path: String, reason: String)
    /// All 99999 answer sequences of the day are used.
    case answerSequenceExhausted(date: String)

    public var description: String {
        switch self {
        case .stateUnusable(let folder, let reason): return "state folder \(folder): \(reason)"
        case .folderUnusable(let path, let reason): return "platform folder \(path): \(reason)"
        case .schemaUnusable(let error): return "FI schema: \(error)"
        case .trustedCertificatesUnreadable(let path): return "trusted certificates \(path) cannot be read"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotRemove(let path, let reason): return "cannot remove \(path): \(reason)"
        case .answerSequenceExhausted(let date): return "every answer sequence of \(date) is used"
        }
    }
}
