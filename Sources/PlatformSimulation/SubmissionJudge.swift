import BatchFormat
import Foundation
import Glibc
import SafeXML

/// What the judge decided about one GO file, before any answer is written.
struct Judgement {
    var fileName: String
    var submission: SubmissionName?
    var outcome: SubmissionVerdict.Outcome
    /// The FI files of the submission that were there, for the ACRF's `FileReference`.
    var dataFiles: [String]
    /// Every file of the submission in the IN folder (GO, FI, FS, surplus ones): removed once answered.
    var consumedFiles: [String]
}

/// Applies the platform's reception rules to one submission: the GO name, then the set of files,
/// then their content. Each stage reports every problem it finds; a stage with problems ends the
/// judgement (a platform does not open the files of a name it refused).
struct SubmissionJudge {
    /// An FS is a few kilobytes; anything far larger is not a signature.
    static let maxSignatureBytes = 1 << 20

    let configuration: SimulatorConfiguration
    let validator: XSDValidator
    let inspector: FormInspector

    /// Judges `goFile` found in the IN folder of `folder`; `listing` is that folder's content.
    func judge(goFile: String, in folder: BatchEnvironment, listing: Set<String>, today: CalendarDate,
               wasUsed: (SubmissionName) -> Bool) -> Judgement {
        let printableName = Self.printable(goFile)
        let name: BatchFileName
        do {
            name = try BatchFileName(parsing: goFile)
        } catch {
            return Judgement(fileName: printableName, submission: nil, outcome: .rejected([Self.code(for: error)]),
                             dataFiles: [], consumedFiles: [goFile])
        }
        // A sender's GO carries its part count (7 fields) and a numeric sequence; the shorter names and
        // lettered sequences are the platform's own.
        guard name.length == .seven else {
            return Judgement(fileName: printableName, submission: nil, outcome: .rejected([.nameStructure]),
                             dataFiles: [], consumedFiles: [goFile])
        }
        guard name.submission.hasNumericSequence else {
            return Judgement(fileName: printableName, submission: nil, outcome: .rejected([.namePartInvalid]),
                             dataFiles: [], consumedFiles: [goFile])
        }
        let submission = name.submission
        let shared = "\(submission.flow.text).\(submission.sender.text).\(submission.date.compact)."
            + "\(submission.sequenceText).\(submission.environment.letter)."
        let dataPrefix = "FI." + shared, signaturePrefix = "FS." + shared
        // Only regular files are the client's uploads: a folder or link with such a name is not touched.
        let related = listing.filter {
            ($0.hasPrefix(dataPrefix) || $0.hasPrefix(signaturePrefix)) && regularFileSize(of: $0, in: folder) != nil
        }.sorted()
        let expectedData = (1...submission.parts).map { submission.fi(part: $0).text }
        let presentData = expectedData.filter { related.contains($0) }
        var judgement = Judgement(fileName: printableName, submission: submission, outcome: .accepted([]),
                                  dataFiles: presentData, consumedFiles: [goFile] + related)

        let nameProblems = nameRules(submission, folder: folder, today: today, wasUsed: wasUsed)
        if !nameProblems.isEmpty {
            judgement.outcome = .rejected(nameProblems)
            return judgement
        }
        let fileProblems = fileRules(submission, folder: folder, related: related, presentData: presentData)
        if !fileProblems.isEmpty {
            judgement.outcome = .rejected(fileProblems)
            return judgement
        }
        judgement.outcome = contentRules(submission, folder: folder, data: presentData)
        return judgement
    }

    // MARK: The three stages

    private func nameRules(_ submission: SubmissionName, folder: BatchEnvironment, today: CalendarDate,
                           wasUsed: (SubmissionName) -> Bool) -> [RejectionCode] {
        var codes: [RejectionCode] = []
        if submission.flow != configuration.flowCode { codes.append(.namePartInvalid) }
        if submission.sender != configuration.accountSender { codes.append(.senderNotAccount) }
        if let code = Self.environmentCode(name: submission.environment, folder: folder) { codes.append(code) }
        do {
            try submission.validate(today: today, maxAgeDays: configuration.maxAgeDays)
        } catch {
            if case .dateInFuture = error.problem { codes.append(.dateInFuture) } else { codes.append(.dateTooOld) }
        }
        if wasUsed(submission) { codes.append(.nameAlreadyUsed) }
        return codes
    }

    private func fileRules(_ submission: SubmissionName, folder: BatchEnvironment, related: [String],
                           presentData: [String]) -> [RejectionCode] {
        var codes: [RejectionCode] = []
        let expectedData = Set((1...submission.parts).map { submission.fi(part: $0).text })
        let expectedSignatures = (1...submission.parts).map { submission.fs(part: $0).text }
        let signatures = related.filter { $0.hasPrefix("FS.") }
        if presentData.count < expectedData.count { codes.append(.dataFileMissing) }
        if related.contains(where: { $0.hasPrefix("FI.") && !expectedData.contains($0) }) { codes.append(.surplusDataFile) }
        if submission.environment.requiresSignature {
            let signedParts = Set(presentData.map { Self.signatureName(ofData: $0) })
            if presentData.contains(where: { !signatures.contains(Self.signatureName(ofData: $0)) }) {
                codes.append(.signatureMissing)
            }
            if signatures.contains(where: { !expectedSignatures.contains($0) || !signedParts.contains($0) }) {
                codes.append(.surplusSignatureFile)
            }
        } else if !signatures.isEmpty {
            codes.append(.signatureInTest)
        }
        if presentData.contains(where: { (regularFileSize(of: $0, in: folder) ?? 0) > configuration.maxFileBytes }) {
            codes.append(.fileTooLarge)
        }
        return codes
    }

    private func contentRules(_ submission: SubmissionName, folder: BatchEnvironment,
                              data: [String]) -> SubmissionVerdict.Outcome {
        var codes: [RejectionCode] = []
        var forms: [HandledForm] = []
        func add(_ code: RejectionCode) { if !codes.contains(code) { codes.append(code) } }
        for dataFile in data {
            let path = self.path(of: dataFile, in: folder)
            if !validator.validate(fileAt: path).isValid {
                add(.schemaInvalid)
            } else {
                do {
                    let form = try inspector.inspect(fileAt: path, fileName: dataFile)
                    if form.identification != submission.flow.text { add(.formTypeMismatch) }
                    forms.append(form)
                } catch {
                    add(.schemaInvalid)
                }
            }
            if submission.environment.requiresSignature,
               !signatureVerifies(Self.signatureName(ofData: dataFile), over: path, in: folder) {
                add(.signatureInvalid)
            }
        }
        return codes.isEmpty ? .accepted(forms) : .rejected(codes.sorted { $0.rawValue < $1.rawValue })
    }

    // MARK: Helpers

    private func signatureVerifies(_ signatureFile: String, over dataPath: String, in folder: BatchEnvironment) -> Bool {
        let path = self.path(of: signatureFile, in: folder)
        guard let size = regularFileSize(of: signatureFile, in: folder), size <= Self.maxSignatureBytes,
              let text = FileManager.default.contents(atPath: path),
              let der = FSEncoding.decode(Array(text)), !der.isEmpty else { return false }
        do {
            try CMSVerifier.verifyDetached(signature: der, contentAt: dataPath,
                                           trustedCertificates: configuration.trustedCertificates)
            return true
        } catch {
            return false
        }
    }

    func path(of file: String, in folder: BatchEnvironment) -> String {
        configuration.folder(folder.inFolder) + "/" + file
    }

    /// The size of a regular file (not following a symbolic link), nil for anything else.
    func regularFileSize(of file: String, in folder: BatchEnvironment) -> Int? {
        var status = stat()
        guard lstat(path(of: file, in: folder), &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// 118: a production name in a test folder; 119: a test name in IN; 257: the other test folder.
    static func environmentCode(name: BatchEnvironment, folder: BatchEnvironment) -> RejectionCode? {
        guard name != folder else { return nil }
        switch (name, folder) {
        case (.production, _): return .productionNameInTestFolder
        case (_, .production): return .testNameInProductionFolder
        default: return .wrongTestFolder
        }
    }

    /// 131 when the name does not have the shape of a name at all, 132 when one of its parts is wrong.
    static func code(for error: BatchNameError) -> RejectionCode {
        switch error.problem {
        case .empty, .tooLong, .emptyPart, .wrongPartCount: return .nameStructure
        default: return .namePartInvalid
        }
    }

    /// `FS.…` for `FI.…`: the same name with the other prefix.
    static func signatureName(ofData dataFile: String) -> String {
        "FS" + dataFile.dropFirst(2)
    }

    /// A received name made safe for answers and logs: printable ASCII only, at most 80 characters.
    static func printable(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars.prefix(80) {
            out.unicodeScalars.append((0x21..<0x7F).contains(scalar.value) ? scalar : "?")
        }
        return name.unicodeScalars.count > 80 ? out + "..." : out
    }
}
