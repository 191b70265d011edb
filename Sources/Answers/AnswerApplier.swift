import Journal
import LogFields
import Logging
import SafeXML

/// The answers stage: reads every answer the journal holds as `downloaded`, matches each of its forms
/// to a submission and applies their verdicts in one journal transaction.
///
/// Nothing is thrown away: an answer that cannot be read, is about none of our submissions, or whose
/// platform signature does not verify is marked `unmatched` with the reason (its file stays where it
/// was stored) and needs attention until a person marks it handled. Nothing here crashes or stops the
/// stage on a bad answer, and applying again changes nothing: only `downloaded` answers are read, and
/// each leaves that state in the same transaction that records its effects.
public final class AnswerApplier: Sendable {
    let journal: Journal
    let parser: AnswerParser
    let matcher: AnswerMatcher
    let locator: RecordLocator
    let logger: Logger

    public init(journal: Journal, logger: Logger, parser: AnswerParser = AnswerParser(),
                locator: RecordLocator = RecordLocator()) {
        self.journal = journal
        self.parser = parser
        self.matcher = AnswerMatcher(journal: journal)
        self.locator = locator
        self.logger = logger
    }

    /// Applies every downloaded answer, oldest first. Throws only when the journal cannot be listed.
    @discardableResult
    public func applyDownloaded() throws -> [AnswerOutcome] {
        try journal.answers(in: [.downloaded]).map(apply)
    }

    /// Applies one answer; one that is not `downloaded` any more is left alone.
    public func apply(_ answer: AnswerRecord) -> AnswerOutcome {
        var logger = self.logger
        logger[metadataKey: LogKey.remoteName] = "\(answer.name)"
        guard answer.state == .downloaded, answer.id != nil else {
            return AnswerOutcome(answerName: answer.name, kind: .skipped, submissionID: answer.submissionID,
                                 detail: "already \(answer.state.rawValue)")
        }
        if let signature = answer.signature, signature.hasPrefix(AnswerSignature.invalidPrefix) {
            return markUnmatched(answer, forms: [], detail: "the platform's signature of the answer is \(signature); not applied",
                                 logger: logger)
        }

        let forms: [PlatformAnswer]
        do {
            forms = try parser.parse(fileAt: answer.storedPath)
        } catch {
            return markUnmatched(answer, forms: [], detail: "cannot be read as an answer: \(error)", logger: logger)
        }
        var matches: [(form: PlatformAnswer, match: AnswerMatch)] = []
        var strangers: [String] = []
        for (index, form) in forms.enumerated() {
            let match: AnswerMatch?
            do {
                match = try matcher.match(form)
            } catch {
                return postpone(answer, detail: "journal lookup failed: \(error)", logger: logger)
            }
            guard let match, match.submission.id != nil else {
                let which = forms.count > 1 ? "form \(index + 1) of \(forms.count): " : ""
                strangers.append(which + Self.unmatchedDetail(form))
                continue
            }
            // The GO may be on the server before the upload stage records `sent`: let that stage finish first,
            // or the verdict would be lost against a state that cannot take it yet.
            if match.submission.state == .prepared || match.submission.state == .uploading {
                return postpone(answer, detail: "its submission is still \(match.submission.state.rawValue); the answer waits for the upload to be recorded",
                                logger: logger)
            }
            matches.append((form, match))
        }
        guard !matches.isEmpty else {
            return markUnmatched(answer, forms: forms, detail: strangers.joined(separator: "; "), logger: logger)
        }

        do {
            var effects: [AnswerEffect] = []
            var states: [Int64: SubmissionState] = [:]
            var okParts: [Int64: Set<Int64>] = [:]
            var anyConflict = false
            for (form, match) in matches {
                let submissionID = match.submission.id!
                let current = states[submissionID] ?? match.submission.state
                var verdict: AnswerVerdict
                var anomalies: [AnomalyRecord] = []
                switch form {
                case .acrf(let acrf):
                    verdict = AnswerVerdict.acrf(acrf, current: current)
                case .notification(let notification):
                    verdict = try notificationVerdict(notification, match: match, current: current,
                                                      alsoOK: okParts[submissionID] ?? [])
                    if notification.result == .ok, let part = match.part?.id { okParts[submissionID, default: []].insert(part) }
                    var locateProblem: String?
                    (anomalies, locateProblem) = anomalyRecords(notification.anomalies, match: match, submissionID: submissionID)
                    if let locateProblem {
                        verdict.detail += "; records not located: \(locateProblem)"
                        logger.warning("anomalies not traced to records", metadata: ["reason": "\(locateProblem)"])
                    }
                }
                if let target = verdict.moveTo { states[submissionID] = target }
                anyConflict = anyConflict || verdict.isConflicting
                effects.append(AnswerEffect(submissionID: submissionID, moveTo: verdict.moveTo, detail: verdict.detail,
                                            ticket: form.ticket, anomalies: anomalies))
            }
            let first = matches[0]
            var row = answer
            row.state = strangers.isEmpty ? .applied : .unmatched
            row.type = first.form.typeCode
            row.resultCode = first.form.resultCode
            row.ticket = first.form.ticket
            row.matchedBy = first.match.method.rawValue
            row.submissionID = first.match.submission.id
            row.submissionFileID = first.match.part?.id
            row.detail = (effects.map(\.detail) + strangers).joined(separator: "; ")
            let updated = try journal.applyAnswer(row, effects: effects)
            let state = updated.first?.state ?? first.match.submission.state
            logger[metadataKey: LogKey.submissionID] = "\(row.submissionID ?? 0)"
            logger[metadataKey: LogKey.flow] = "\(first.match.submission.flow)"
            logger[metadataKey: LogKey.state] = "\(state.rawValue)"
            let message: Logger.Message = "answer applied: \(row.detail ?? "")"
            if anyConflict || !strangers.isEmpty {
                logger.warning(message, metadata: ["matched_by": "\(first.match.method.rawValue)"])
            } else {
                logger.info(message, metadata: ["matched_by": "\(first.match.method.rawValue)"])
            }
            return AnswerOutcome(answerName: answer.name, kind: strangers.isEmpty ? .applied : .unmatched,
                                 submissionID: row.submissionID, state: state, detail: row.detail ?? "")
        } catch {
            // A race with another process moving the submission, or a journal write failure: next run.
            return postpone(answer, detail: "not applied: \(error)", logger: logger)
        }
    }

    // MARK: Notifications

    private func notificationVerdict(_ notification: NotificationAnswer, match: AnswerMatch, current: SubmissionState,
                                     alsoOK: Set<Int64>) throws -> AnswerVerdict {
        let submissionID = match.submission.id!
        let fiParts = try journal.files(of: submissionID).filter { $0.kind == .fi }
        let earlierOK = try journal.answers(in: [.applied], submissionID: submissionID)
            .filter { $0.type == "NOTI" && $0.resultCode == NotificationAnswer.Result.ok.rawValue }
        let okAnswerIDs = Set(earlierOK.compactMap(\.id))
        let earlierAnomalies = try !okAnswerIDs.isEmpty
            && journal.anomalies(of: submissionID).contains { okAnswerIDs.contains($0.answerID) }
        return AnswerVerdict.notification(notification, current: current, part: match.part,
                                          fiParts: fiParts, okParts: Set(earlierOK.compactMap(\.submissionFileID)).union(alsoOK),
                                          earlierAnomalies: earlierAnomalies)
    }

    /// The anomalies as the journal keeps them: national numbers masked, each traced to its record
    /// and export line where its line or its path allows. A part that cannot be read does not stop
    /// the anomalies being stored; the reason is returned for the detail.
    private func anomalyRecords(_ anomalies: [AnswerAnomaly], match: AnswerMatch,
                                submissionID: Int64) -> ([AnomalyRecord], String?) {
        guard !anomalies.isEmpty else { return ([], nil) }
        var locations: [RecordLocation?] = anomalies.map { _ in nil }
        var problem: String?
        if let part = match.part {
            do {
                locations = try locator.locate(anomalies, in: part, directory: match.submission.directory)
            } catch {
                problem = error.description
            }
        }
        let records = zip(anomalies, locations).map { anomaly, location in
            AnomalyRecord(submissionID: submissionID, submissionFileID: match.part?.id,
                          errorID: anomaly.errorID ?? "(none)", tagName: anomaly.tagName,
                          value: anomaly.value.map { PersonalDataMask.value($0, tagName: anomaly.tagName) },
                          anomalyClass: anomaly.anomalyClass, path: AnswerKeyValue.maskedText(anomaly.path),
                          systemCorrection: anomaly.systemCorrection?.maskedText,
                          recordPosition: location?.position, exportLine: location?.exportLine,
                          label: anomaly.label.map(PersonalDataMask.text), fiLine: anomaly.place?.line,
                          fiColumn: anomaly.place?.column, location: anomaly.place?.location)
        }
        return (records, problem)
    }

    // MARK: Unmatched and deferred

    private func markUnmatched(_ answer: AnswerRecord, forms: [PlatformAnswer], detail: String,
                               logger: Logger) -> AnswerOutcome {
        var row = answer
        row.state = .unmatched
        row.detail = detail
        if let first = forms.first {
            row.type = first.typeCode
            row.resultCode = first.resultCode
            row.ticket = first.ticket
        }
        do {
            try journal.applyAnswer(row, effects: [])
        } catch {
            return postpone(answer, detail: "\(detail); and it could not be marked unmatched: \(error)", logger: logger)
        }
        logger.warning("answer kept for a person: \(detail)", metadata: ["stored_path": "\(answer.storedPath)"])
        return AnswerOutcome(answerName: answer.name, kind: .unmatched, detail: detail)
    }

    private func postpone(_ answer: AnswerRecord, detail: String, logger: Logger) -> AnswerOutcome {
        logger.notice("answer left for the next run: \(detail)")
        return AnswerOutcome(answerName: answer.name, kind: .deferred, detail: detail)
    }

    /// Says what the answer quoted, so a person can see why none of it is ours.
    static func unmatchedDetail(_ answer: PlatformAnswer) -> String {
        var quoted: [String] = []
        let names: [String]
        var form: String?
        var references: [String] = []
        switch answer {
        case .acrf(let acrf): names = acrf.fileNames
        case .notification(let notification):
            names = notification.fileNames
            form = notification.handledForm.map { $0.formCreation ?? "unreadable date/hour" }
            references = notification.senderReferences
        }
        if !names.isEmpty {
            quoted.append("file name(s) " + names.prefix(5).map { String($0.prefix(64)) }.joined(separator: ", "))
        }
        if !references.isEmpty { quoted.append("sender reference(s) " + references.prefix(4).map { String($0.prefix(64)) }.joined(separator: ", ")) }
        if let ticket = answer.ticket { quoted.append("ticket " + String(ticket.prefix(64))) }
        if let form { quoted.append("form created " + form) }
        let what = quoted.isEmpty ? "it names no file, reference, ticket or form" : "it quotes " + quoted.joined(separator: "; ")
        return "\(answer.typeCode) answers none of our submissions: \(what)"
    }
}
