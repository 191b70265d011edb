import BatchFormat
import Foundation
import Journal
import Logging

/// What happens on the server to an answer once it is stored here and applied.
public enum AnswerDisposal: String, Sendable, CaseIterable {
    case delete
    /// Renamed into a `done` folder inside the answer folder.
    case move
    case leave
}

/// Brings the platform's answers home from OUT: only files whose GO has arrived, each stored locally
/// (fsync'd) and recorded in the journal before anything is removed on the server. Files of other
/// applications that share the folder are never touched: only answers applied to our own
/// submissions are removed or moved.
public final class AnswerFetcher {
    let client: SFTPClient
    let journal: Journal
    /// Local folder where answers land before they are read.
    let inbox: String
    /// Answer types this daemon reads; other applications' answers in the same folder stay untouched.
    let answerTypes: Set<String>
    let logger: Logger

    public static let batchAnswerTypes: Set<String> = ["ACRF", "NOTI"]

    public init(client: SFTPClient, journal: Journal, inbox: String,
                answerTypes: Set<String> = AnswerFetcher.batchAnswerTypes,
                logger: Logger = Logger(label: "fladaemon.fetch")) {
        self.client = client
        self.journal = journal
        self.inbox = inbox
        self.answerTypes = answerTypes
        self.logger = logger
    }

    /// Downloads the complete answers in `folder` that the journal does not have yet.
    public func download(from folder: String) throws -> [AnswerRecord] {
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let listing = try client.list(directory: folder)
        for refused in listing.refused {
            logger.warning("ignored a file in \(folder) with an unsafe name: \(refused)")
        }
        let names = Set(listing.files.map(\.name.value))
        var downloaded: [AnswerRecord] = []
        for name in names.sorted() {
            guard let parsed = try? BatchFileName(parsing: name), parsed.kind == .fo || parsed.kind == .co,
                  answerTypes.contains(parsed.flow.text) else { continue }
            // An answer is complete only once its GO is there.
            guard names.contains(parsed.sibling(.go).text) else { continue }
            if try journal.answer(named: name) != nil { continue }
            let local = inbox + "/" + name
            try client.download(remotePath: RemotePath(directory: folder, validating: name), to: local)
            let signature = parsed.sibling(.fs).text
            if names.contains(signature) {
                try client.download(remotePath: RemotePath(directory: folder, validating: signature), to: inbox + "/" + signature)
            }
            let answer = try journal.recordDownloadedAnswer(name: name, storedPath: local, type: parsed.flow.text)
            var log = logger
            log[metadataKey: "remote_name"] = "\(name)"
            log.info("answer \(name) downloaded")
            downloaded.append(answer)
        }
        return downloaded
    }

    /// Removes, moves or leaves on the server every answer in `folder` that was applied to one of our
    /// submissions. Safe to repeat: what is already gone is skipped. Returns the names handled.
    @discardableResult
    public func dispose(in folder: String, how disposal: AnswerDisposal) throws -> [String] {
        guard disposal != .leave else { return [] }
        let listing = try client.list(directory: folder)
        let names = Set(listing.files.map(\.name.value))
        var handled: [String] = []
        // Every answer present by any of its files: a cut may have taken the data file and left its GO.
        var answers: [String: [String]] = [:]
        for name in names.sorted() {
            guard let parsed = try? BatchFileName(parsing: name), answerTypes.contains(parsed.flow.text) else { continue }
            let data: String
            switch parsed.kind {
            case .fo, .co: data = name
            case .fs, .go: data = parsed.sibling(.fo).text
            default: continue
            }
            answers[data, default: []].append(name)
        }
        for (data, present) in answers.sorted(by: { $0.key < $1.key }) {
            // A compressed answer is recorded under its CO name.
            let coName = (try? BatchFileName(parsing: data))?.sibling(.co).text
            guard let answer = try journal.answer(named: data) ?? coName.flatMap({ try journal.answer(named: $0) }),
                  answer.state == .applied else { continue }
            // Data and signature first, GO last: a GO left alone by a cut announces nothing, and is
            // found again by its name on the next round.
            let ordered = present.sorted { rank($0) < rank($1) }
            if disposal == .move {
                let done = folder + "/done"
                if !(try client.exists(RemotePath(directory: folder, validating: "done"))) { try client.makeDirectory(done) }
                for file in ordered {
                    try client.rename(from: RemotePath(directory: folder, validating: file),
                                      to: RemotePath(directory: done, validating: file))
                }
            } else {
                for file in ordered { try client.remove(RemotePath(directory: folder, validating: file)) }
            }
            handled.append(answer.name)
        }
        return handled
    }

    private func rank(_ name: String) -> Int {
        name.hasPrefix("GO.") ? 2 : name.hasPrefix("FS.") ? 1 : 0
    }
}
