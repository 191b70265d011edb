import BatchFormat
import Glibc

/// Puts answers in the OUT folders in the platform's triplet convention:
/// `FO.<TYPE>.<PLATFORM>.<YYYYMMDD>.<SEQ>.<ENV>.1.1`, then the empty `GO.<TYPE>.….1`.
///
/// The FO appears complete or not at all (written under a hidden temporary name, then renamed
/// without replacing), and its GO only after it: a client that sees the GO can read the FO.
struct AnswerPublisher {
    let configuration: SimulatorConfiguration
    let state: SimulatorState

    /// Writes one answer and returns the FO's name. A name already present in the folder (a state
    /// folder that was reset, say) is skipped for the next sequence, never overwritten.
    func publish(_ bytes: [UInt8], type: AnswerType, environment: BatchEnvironment,
                 date: CalendarDate) throws(SimulatorError) -> BatchFileName {
        let folder = configuration.folder(environment.outFolder)
        while true {
            let sequence = try state.nextAnswerSequence(on: date)
            let name: SubmissionName
            do {
                name = try SubmissionName(flow: FlowCode(type.rawValue), sender: configuration.platformSender, date: date,
                                          sequence: sequence, environment: environment, parts: 1)
            } catch {
                throw .cannotWrite(path: folder, reason: error.description)
            }
            let data = name.fi(part: 1).sibling(.fo), commit = name.go
            let dataPath = folder + "/" + data.text, commitPath = folder + "/" + commit.text
            if access(dataPath, F_OK) == 0 || access(commitPath, F_OK) == 0 { continue }
            do {
                try AtomicFileWriter.write(bytes, to: dataPath, permissions: 0o644)
            } catch {
                if error.isAlreadyExists { continue }
                throw .cannotWrite(path: dataPath, reason: error.description)
            }
            do {
                try AtomicFileWriter.write([UInt8](), to: commitPath, permissions: 0o644)
            } catch {
                throw .cannotWrite(path: commitPath, reason: error.description)
            }
            return data
        }
    }
}
