import Journal
import Logging
import SafeXML

/// The answers stage: reads every answer the journal holds as `downloaded`, matches it to a
/// submission and applies its verdict in one journal transaction.
///
/// Nothing is thrown away: an answer that cannot be read or matched is marked `unmatched` with the
/// reason (its file stays where it was stored) and a warning is logged. Nothing here crashes or stops
/// the stage on a bad answer, and applying again changes nothing: only `downloaded` answers are read,
/// and each leaves that state in the same transaction that records its effects.
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
        logger[metadataKey: "remote_name"] = "\(answer.name)"
        guard answer.state == .downloaded, answer.id != nil else {
            return AnswerOutcome(answerName: answer.name, kind: .skipped, submissionID: answer.submissionID,
                                 detail: "already \(answer.state.rawValue)")
        }

        let parsed: PlatformAnswer
        do {
            parsed = try parser.parse(fileAt: answer.storedPath)
        } catch {
            return markUnmatched(answer, parsed: nil, detail: "cannot be read as an answer: \(error)", logger: logger)
        }
        let match: AnswerMatch?
        do {
            match = try matcher.match(parsed)
        } catch {
            return postpone(answer, detail: "journal lookup failed: \(error)", logger: logger)
        }
        guard let match, let submissionID = match.submission.id else {
            return markUnmatched(answer, parsed: parsed, detail: Self.unmatchedDetail(parsed), logger: logger)
        }
        logger[metadataKey: "submission_id"] = "\(submissionID)"
        logger[metadataKey: "fla_state"] = "\(match.submission.state.rawValue)"

        // The GO may be on the server before the upload stage records `sent`: let that stage finish first,
        // or the verdict would be lost against a state that cannot take it yet.
        if match.submission.state == .prepared || match.submission.state == .uploading {
            return postpone(answer, detail: "its submission is still \(match.submission.state.rawValue); the answer waits for the upload to be recorded",
                         logger: logger)
        }

        do {
            var row = answer
            row.state = .applied
            row.type = parsed.typeCode
            row.resultCode = parsed.resultCode
            row.ticket = parsed.ticket
            row.matchedBy = match.method.rawValue
            row.submissionID = submissionID
            row.submissionFileID = match.part?.id

            var anomalies: [AnomalyRecord] = []
            var verdict: AnswerVerdict
            switch parsed {
            case .acrf(let acrf):
                verdict = AnswerVerdict.acrf(acrf, current: match.submission.state)
            case .notification(let notification):
                verdict = try notificationVerdict(notification, match: match, submissionID: submissionID)
                var locateProblem: String?
                (anomalies, locateProblem) = anomalyRecords(notification.anomalies, match: match, submissionID: submissionID)
                if let locateProblem {
                    verdict.detail += "; records not located: \(locateProblem)"
                    logger.warning("anomalies not traced to records", metadata: ["reason": "\(locateProblem)"])
                }
            }
            row.detail = verdict.detail
            let updated = try journal.applyAnswer(row, anomalies: anomalies, moveTo: verdict.moveTo,
                                                  detail: verdict.detail, ticket: parsed.ticket)
            let state = updated?.state ?? match.submission.state
            logger[metadataKey: "fla_state"] = "\(state.rawValue)"
            let message: Logger.Message = "answer applied: \(verdict.detail)"
            if verdict.isConflicting {
                logger.warning(message, metadata: ["matched_by": "\(match.method.rawValue)"])
            } else {
                logger.info(message, metadata: ["matched_by": "\(match.method.rawValue)"])
            }
            return AnswerOutcome(answerName: answer.name, kind: .applied, submissionID: submissionID, state: state,
                                 detail: verdict.detail)
        } catch {
            // A race with another process moving the submission, or a journal write failure: next run.
            return postpone(answer, detail: "not applied: \(error)", logger: logger)
        }
    }

    // MARK: Notifications

    private func notificationVerdict(_ notification: NotificationAnswer, match: AnswerMatch,
                                     submissionID: Int64) throws -> AnswerVerdict {
        let fiParts = try journal.files(of: submissionID).filter { $0.kind == .fi }
        let earlierOK = try journal.answers(in: [.applied], submissionID: submissionID)
            .filter { $0.type == "NOTI" && $0.resultCode == NotificationAnswer.Result.ok.rawValue }
        let okAnswerIDs = Set(earlierOK.compactMap(\.id))
        let earlierAnomalies = try !okAnswerIDs.isEmpty
            && journal.anomalies(of: submissionID).contains { okAnswerIDs.contains($0.answerID) }
        return AnswerVerdict.notification(notification, current: match.submission.state, part: match.part,
                                          fiParts: fiParts, okParts: Set(earlierOK.compactMap(\.submissionFileID)),
                                          earlierAnomalies: earlierAnomalies)
    }

    /// The anomalies as the journal keeps them: national numbers masked, each traced to its record
    /// and export line where the path (or the INSS) allows. A part that cannot be read does not stop
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
                          anomalyClass: anomaly.anomalyClass, path: anomaly.path.map(PersonalDataMask.text),
                          systemCorrection: anomaly.systemCorrection.map(PersonalDataMask.text),
                          recordPosition: location?.position, exportLine: location?.exportLine)
        }
        return (records, problem)
    }

    // MARK: Unmatched and deferred

    private func markUnmatched(_ answer: AnswerRecord, parsed: PlatformAnswer?, detail: String,
                               logger: Logger) -> AnswerOutcome {
        var row = answer
        row.state = .unmatched
        row.detail = detail
        if let parsed {
            row.type = parsed.typeCode
            row.resultCode = parsed.resultCode
            row.ticket = parsed.ticket
        }
        do {
            try journal.applyAnswer(row, anomalies: [], moveTo: nil, detail: detail)
        } catch {
            return postpone(answer, detail: "\(detail); and it could not be marked unmatched: \(error)", logger: logger)
        }
        logger.warning("answer kept unmatched: \(detail)", metadata: ["stored_path": "\(answer.storedPath)"])
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
        switch answer {
        case .acrf(let acrf): names = acrf.fileNames
        case .notification(let notification):
            names = notification.fileNames
            form = notification.handledForm.map { $0.formCreation ?? "unreadable date/hour" }
        }
        if !names.isEmpty {
            quoted.append("file name(s) " + names.prefix(5).map { String($0.prefix(64)) }.joined(separator: ", "))
        }
        if let ticket = answer.ticket { quoted.append("ticket " + String(ticket.prefix(64))) }
        if let form { quoted.append("form created " + form) }
        let what = quoted.isEmpty ? "it names no file, ticket or form" : "it quotes " + quoted.joined(separator: "; ")
        return "\(answer.typeCode) answers none of our submissions: \(what)"
    }
}
