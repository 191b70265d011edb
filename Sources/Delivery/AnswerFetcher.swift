import Transport
import BatchFormat
import Foundation
import Journal
import LogFields
import Logging

/// What happens on the server to an answer once it is stored here and applied.
public enum AnswerDisposal: String, Sendable, CaseIterable {
    case delete
    /// Renamed into a `done` folder inside the answer folder.
    case move
    case leave
}

/// Brings the platform's answers home from OUT: only answers whose GO has arrived (in the same length
/// class: 6, 7 or 8 fields), each stored locally (fsync'd) with the platform's FS beside it and recorded
/// in the journal before anything is removed on the server.
///
/// Nothing in OUT is ignored silently: a file that is not downloaded (another application's answer type,
/// a name that is not a batch name, another environment, an answer over the size limit) is listed once
/// in the journal with the reason and stays on the server. Only answers applied to our own submissions
/// are ever removed or moved.
public final class AnswerFetcher {
    let client: SFTPClient
    let journal: Journal
    /// Local folder where answers land before they are read.
    let inbox: String
    let policy: AnswerFetchPolicy
    let logger: Logger
    /// The names of `folder` the journal lists already, read at the start of each `download`.
    private var listedInOut: Set<String> = []

    public init(client: SFTPClient, journal: Journal, inbox: String, policy: AnswerFetchPolicy,
                logger: Logger = Logger(label: "fladaemon.fetch")) {
        self.client = client
        self.journal = journal
        self.inbox = inbox
        self.policy = policy
        self.logger = logger
    }

    /// Downloads the complete answers in `folder` that the journal does not have yet, and lists the
    /// files it leaves there.
    public func download(from folder: String) throws -> [AnswerRecord] {
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let listing = try client.list(directory: folder)
        // One read per round: the files already listed are not written again (OUT may hold many of
        // other applications', there every round).
        listedInOut = try journal.outEntryNames(in: folder)
        for refused in listing.refused {
            try note(folder, refused.printableName, "not a name fladaemon can use safely (\(refused.reason)); left on the server",
                     attention: true)
        }
        var sizes: [String: UInt64] = [:]
        for file in listing.files { sizes[file.name.value] = file.size ?? 0 }
        // Read only when a lone GO or FS needs it: most rounds have none.
        var known: Set<String>?
        var downloaded: [AnswerRecord] = []
        for name in sizes.keys.sorted() {
            let parsed: BatchFileName
            do {
                parsed = try BatchFileName(parsing: name)
            } catch {
                try note(folder, name, "not a batch file name (\(error.reason)); left on the server", attention: true)
                continue
            }
            guard parsed.environment == policy.environment else {
                try note(folder, name, "names environment \(parsed.environment.letter), this channel is \(policy.environment.letter) (\(policy.environment)); left on the server",
                         attention: true, size: sizes[name])
                continue
            }
            let type = parsed.flow.text
            switch parsed.kind {
            case .fo, .co:
                guard policy.answerTypes.contains(type) else {
                    try note(folder, name, "answer type \(type) is not one fladaemon reads (the folder is shared with other applications); left on the server",
                             attention: false, size: sizes[name])
                    continue
                }
                // An answer is complete only once its GO is there.
                guard sizes[parsed.commitName.text] != nil else { continue }
                if try journal.answer(named: name) != nil { continue }
                let size = sizes[name] ?? 0
                guard size <= UInt64(policy.maxAnswerBytes) else {
                    try note(folder, name, "\(size) bytes, more than results.max_answer_bytes (\(policy.maxAnswerBytes)); not downloaded",
                             attention: true, size: size)
                    continue
                }
                downloaded.append(try fetch(parsed, from: folder, present: sizes))
            case .fs, .go:
                // The signature and the commit file of an answer travel with its data file; alone, they are
                // what a cut left of an answer already handled (disposal finishes them), or someone else's.
                let hasData = sizes[parsed.counterpart(.fo).text] != nil || sizes[parsed.counterpart(.co).text] != nil
                if hasData { continue }
                if known == nil { known = try knownAnswerKeys() }
                if known?.contains(parsed.answerKey) == true { continue }
                let whose = policy.answerTypes.contains(type) ? "without its data file" : "of answer type \(type), not read by fladaemon"
                try note(folder, name, "\(parsed.kind) \(whose); left on the server", attention: false, size: sizes[name])
            case .fi, .td:
                try note(folder, name, "a sender's \(parsed.kind) file in the answer folder; left on the server", attention: true,
                         size: sizes[name])
            }
        }
        return downloaded
    }

    /// Downloads one answer's data file and its FS, unpacks a CO, and records it.
    private func fetch(_ name: BatchFileName, from folder: String, present sizes: [String: UInt64]) throws -> AnswerRecord {
        let local = inbox + "/" + name.text
        try client.download(remotePath: RemotePath(directory: folder, validating: name.text), to: local)
        let signatureName = name.counterpart(.fs).text
        var signature = AnswerSignature.absent
        if sizes[signatureName] != nil {
            let signaturePath = inbox + "/" + signatureName
            try client.download(remotePath: RemotePath(directory: folder, validating: signatureName), to: signaturePath)
            signature = verify(signatureAt: signaturePath, over: local)
        }
        var storedPath = local
        var problem: String?
        if name.kind == .co {
            (storedPath, problem) = unpack(local)
        }
        var answer = try journal.recordDownloadedAnswer(name: name.text, storedPath: storedPath, type: name.flow.text,
                                                        signature: signature)
        var log = logger
        log[metadataKey: LogKey.remoteName] = "\(name.text)"
        log.info("answer \(name.text) downloaded (platform signature: \(signature))")
        if let problem, answer.state == .downloaded {
            answer.state = .unmatched
            answer.detail = problem
            try journal.applyAnswer(answer, effects: [])
            log.warning("answer kept for a person: \(problem)")
        }
        return answer
    }

    private func verify(signatureAt path: String, over dataPath: String) -> String {
        guard let certificate = policy.platformCertificate else { return AnswerSignature.notVerified }
        guard let text = FileManager.default.contents(atPath: path), let der = FSEncoding.decode(Array(text)), !der.isEmpty else {
            return AnswerSignature.invalid("the FS is not base64 DER")
        }
        do {
            _ = try CMSVerifier.verifyDetached(signature: der, contentAt: dataPath, trustedCertificates: certificate)
            return AnswerSignature.verified
        } catch {
            return AnswerSignature.invalid(String(error.description.prefix(300)))
        }
    }

    /// A CO unpacked beside itself (`<name>.xml`); the CO stays as it came. A CO that is neither gzip nor
    /// zip, or is damaged, is kept and reported.
    private func unpack(_ path: String) -> (String, String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (path, "the CO cannot be read back: kept for a person") }
        let bytes = Array(data)
        let format = CompressedAnswer.format(of: bytes)
        guard format != .unknown else { return (path, "the CO is neither gzip nor zip: kept as it came, for a person") }
        do {
            let (content, files) = try CompressedAnswer.unpack(bytes, format: format, maxBytes: policy.maxAnswerBytes)
            let target = path + ".xml"
            try AtomicFileWriter.write(content, to: target, permissions: 0o640)
            if files > 1 { logger.warning("\(path): a zip of \(files) files; the first is read as the answer") }
            return (target, nil)
        } catch {
            return (path, "the CO (\(format.rawValue)) \(error): kept as it came, for a person")
        }
    }

    /// Lists a file left in OUT, once, and says so in the log the first time.
    private func note(_ folder: String, _ name: String, _ reason: String, attention: Bool, size: UInt64? = nil) throws {
        let entry = OutEntryRecord(folder: folder, name: String(name.prefix(200)), reason: reason, needsAttention: attention,
                                   byteCount: size.map { Int64(clamping: $0) })
        guard !listedInOut.contains(entry.name), try journal.noteOutEntry(entry) else { return }
        listedInOut.insert(entry.name)
        var log = logger
        log[metadataKey: LogKey.remoteName] = "\(entry.name)"
        if attention {
            log.warning("\(folder)/\(entry.name): \(reason)")
        } else {
            log.notice("\(folder)/\(entry.name): \(reason)")
        }
    }

    /// The answer keys (type, platform sender, date, sequence, environment) of every answer recorded.
    private func knownAnswerKeys() throws -> Set<String> {
        Set(try journal.answerNames().compactMap { try? BatchFileName(parsing: $0).answerKey })
    }

    /// Removes, moves or leaves on the server every answer in `folder` that was applied to one of our
    /// submissions. Safe to repeat: what is already gone is skipped. Returns the names handled.
    @discardableResult
    public func dispose(in folder: String, how disposal: AnswerDisposal) throws -> [String] {
        guard disposal != .leave else { return [] }
        let listing = try client.list(directory: folder)
        // Every answer present by any of its files, by key: a cut may have taken the data file and left its GO.
        var present: [String: [BatchFileName]] = [:]
        for file in listing.files {
            guard let parsed = try? BatchFileName(parsing: file.name.value), parsed.environment == policy.environment,
                  policy.answerTypes.contains(parsed.flow.text),
                  [.fo, .co, .fs, .go].contains(parsed.kind) else { continue }
            present[parsed.answerKey, default: []].append(parsed)
        }
        guard !present.isEmpty else { return [] }
        var applied: [String: AnswerRecord] = [:]
        for answer in try journal.answers(in: [.applied]) {
            if let key = try? BatchFileName(parsing: answer.name).answerKey, present[key] != nil { applied[key] = answer }
        }
        var handled: [String] = []
        for (key, files) in present.sorted(by: { $0.key < $1.key }) {
            guard let answer = applied[key] else { continue }
            // Data and signature first, GO last: a GO left alone by a cut announces nothing, and is
            // found again by its key on the next round.
            let ordered = files.sorted { rank($0.kind) < rank($1.kind) }.map(\.text)
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

    private func rank(_ kind: BatchFileKind) -> Int {
        kind == .go ? 2 : kind == .fs ? 1 : 0
    }
}
