import BatchFormat
import Glibc

/// Puts answers in the OUT folders as the platform does: `FO.<TYPE>.<PLATFORM>.<YYYYMMDD>.<SEQ>.<ENV>`
/// (6 fields by default; 7 or 8 as configured), in production its `FS` signature, then the empty `GO`
/// in the same length class.
///
/// Each file appears complete or not at all (written under a hidden temporary name, then renamed
/// without replacing), and the GO only after the others: a client that sees the GO can read the FO.
struct AnswerPublisher {
    let configuration: SimulatorConfiguration
    let state: SimulatorState

    /// Writes one answer and returns the FO's name. A name already present in the folder (a state
    /// folder that was reset, say) is skipped for the next sequence, never overwritten.
    func publish(_ bytes: [UInt8], type: String, environment: BatchEnvironment,
                 date: CalendarDate) throws(SimulatorError) -> BatchFileName {
        let folder = configuration.folder(environment.outFolder)
        while true {
            let sequence = try state.nextAnswerSequence(on: date)
            let data: BatchFileName
            do {
                data = try Self.name(type: type, sender: configuration.platformSender, date: date, sequence: sequence,
                                     environment: environment, length: configuration.answerNameLength)
            } catch {
                throw .cannotWrite(path: folder, reason: error.description)
            }
            let commit = data.commitName
            let dataPath = folder + "/" + data.text, commitPath = folder + "/" + commit.text
            if access(dataPath, F_OK) == 0 || access(commitPath, F_OK) == 0 { continue }
            do {
                try AtomicFileWriter.write(bytes, to: dataPath, permissions: 0o644)
            } catch {
                if error.isAlreadyExists { continue }
                throw .cannotWrite(path: dataPath, reason: error.description)
            }
            if environment.requiresSignature, let identity = configuration.platformSigning {
                let signaturePath = folder + "/" + data.counterpart(.fs).text
                do {
                    let der = try CMSSigner(identity: identity).signDetached(bytes: bytes)
                    try AtomicFileWriter.write(FSEncoding.encode(der: der), to: signaturePath, permissions: 0o644)
                } catch {
                    throw .cannotWrite(path: signaturePath, reason: "\(error)")
                }
            }
            do {
                try AtomicFileWriter.write([UInt8](), to: commitPath, permissions: 0o644)
            } catch {
                throw .cannotWrite(path: commitPath, reason: error.description)
            }
            return data
        }
    }

    /// The FO name of an answer in the wanted length class, read back through the one name parser.
    static func name(type: String, sender: SenderNumber, date: CalendarDate, sequence: Int, environment: BatchEnvironment,
                     length: BatchNameLength) throws(BatchNameError) -> BatchFileName {
        let submission = try SubmissionName(flow: FlowCode(type), sender: sender, date: date, sequence: sequence,
                                            environment: environment, parts: 1)
        let long = submission.fi(part: 1).counterpart(.fo)
        let fields = long.text.split(separator: ".").prefix(length.rawValue)
        return try BatchFileName(parsing: fields.joined(separator: "."))
    }
}
