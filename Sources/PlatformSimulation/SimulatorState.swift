import BatchFormat
import Foundation
import Glibc

/// What the platform remembers between runs: every submission name it has judged (a name is never
/// accepted twice, code 133), the last sequence of its own answer names per day, and its ticket counter.
///
/// Kept as JSON in `<stateFolder>/state.json`, replaced atomically (write, fsync, rename) after each
/// judged submission. An exclusive lock on `<stateFolder>/state.lock` keeps a second simulator away
/// from the same memory: two platforms answering one channel would answer everything twice.
final class SimulatorState {
    private struct Stored: Codable {
        var usedNames: [String] = []
        var answerDate: String = ""
        var answerSequence: Int = 0
        var lastTicket: Int = 0
    }

    let folder: String
    private var stored: Stored
    private var usedNames: Set<String>
    private let lockDescriptor: Int32

    private var statePath: String { folder + "/state.json" }

    init(folder: String) throws(SimulatorError) {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .stateUnusable(folder: folder, reason: "cannot create it: \(error.localizedDescription)")
        }
        let lockPath = folder + "/state.lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .stateUnusable(folder: folder, reason: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .stateUnusable(folder: folder, reason: "another platform simulator is using it (\(lockPath) is locked)")
        }
        lockDescriptor = descriptor
        let path = folder + "/state.json"
        if FileManager.default.fileExists(atPath: path) {
            do {
                stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                close(descriptor)
                throw .stateUnusable(folder: folder, reason: "\(path) is not a readable state file: \(error)")
            }
        } else {
            stored = Stored()
        }
        usedNames = Set(stored.usedNames)
    }

    deinit { close(lockDescriptor) }

    /// The key a name is remembered by: sender, date, sequence and environment, which must be unique
    /// together (the flow and part count do not make a reused sequence new).
    static func key(of submission: SubmissionName) -> String {
        "\(submission.sender.text).\(submission.date.compact).\(submission.sequenceText).\(submission.environment.letter)"
    }

    func wasUsed(_ submission: SubmissionName) -> Bool {
        usedNames.contains(Self.key(of: submission))
    }

    func markUsed(_ submission: SubmissionName) {
        let key = Self.key(of: submission)
        if usedNames.insert(key).inserted { stored.usedNames.append(key) }
    }

    /// The next sequence for an answer name on `date`; the sequence starts again at 1 each day.
    func nextAnswerSequence(on date: CalendarDate) throws(SimulatorError) -> Int {
        if stored.answerDate != date.compact {
            stored.answerDate = date.compact
            stored.answerSequence = 0
        }
        guard stored.answerSequence < SubmissionName.sequenceRange.upperBound else {
            throw .answerSequenceExhausted(date: date.compact)
        }
        stored.answerSequence += 1
        return stored.answerSequence
    }

    /// A new ticket in the platform's shape, 13 upper-case letters and digits (`03804UE9XCMQZ`): a fixed
    /// head, a counter in base 36 that never repeats, and `Z`.
    func nextTicket(environment: BatchEnvironment, date: CalendarDate) -> String {
        stored.lastTicket += 1
        let counter = String(stored.lastTicket, radix: 36, uppercase: true)
        return "038" + String(repeating: "0", count: max(0, 9 - counter.count)) + counter + "Z"
    }

    func save() throws(SimulatorError) {
        let bytes: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            bytes = try encoder.encode(stored)
        } catch {
            throw .stateUnusable(folder: folder, reason: "cannot encode the state: \(error)")
        }
        let temporary = statePath + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: temporary, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw .cannotWrite(path: temporary, reason: failure)
        }
        guard rename(temporary, statePath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: statePath, reason: reason)
        }
        do {
            try AtomicFileWriter.syncDirectory(folder)
        } catch {
            throw .cannotWrite(path: folder, reason: error.description)
        }
    }
}
