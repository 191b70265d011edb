import Journal

/// What an answer does to its submission: the state to move to (nil: none) and the event's detail.
///
/// The rules only ever ask for a move the transition table allows from the current state; an answer
/// that arrives late, twice, or contradicting a final state is recorded without a move.
public struct AnswerVerdict: Hashable, Sendable {
    public var moveTo: SubmissionState?
    public var detail: String
    /// The answer contradicts what the journal already holds (e.g. a rejection after an acceptance).
    public var isConflicting: Bool

    public init(moveTo: SubmissionState?, detail: String, isConflicting: Bool = false) {
        self.moveTo = moveTo; self.detail = detail; self.isConflicting = isConflicting
    }

    /// ACRF 1 → acknowledged, ACRF 0 → rejected.
    public static func acrf(_ acrf: ACRFAnswer, current: SubmissionState) -> AnswerVerdict {
        switch acrf.result {
        case .accepted:
            let base = "ACRF: file accepted" + (acrf.ticket.map { ", ticket \($0)" } ?? "")
            switch current {
            case .sent: return AnswerVerdict(moveTo: .acknowledged, detail: base)
            case .acknowledged: return AnswerVerdict(moveTo: nil, detail: base + "; acknowledged already (duplicate ACRF)")
            case .rejected:
                return AnswerVerdict(moveTo: nil, detail: base + "; the submission was already rejected", isConflicting: true)
            default: return AnswerVerdict(moveTo: nil, detail: base + "; the submission is already \(current.rawValue)")
            }
        case .rejected:
            let base = "ACRF: file rejected" + (acrf.errorIDs.isEmpty ? "" : " (\(acrf.errorIDs.joined(separator: ", ")))")
            return move(to: .rejected, from: current, detail: base)
        }
    }

    /// What a NOTIFICATION about one FI part does.
    /// - Parameters:
    ///   - part: the FI part it answers; nil when the answer does not say which of several.
    ///   - fiParts: every FI part of the submission.
    ///   - okParts: ids of the parts an earlier applied NOTIFICATION already found OK.
    ///   - earlierAnomalies: whether those earlier OK notifications reported anomalies.
    public static func notification(_ notification: NotificationAnswer, current: SubmissionState,
                                    part: SubmissionFileRecord?, fiParts: [SubmissionFileRecord],
                                    okParts: Set<Int64>, earlierAnomalies: Bool) -> AnswerVerdict {
        let partText = part.map { "part \($0.part) of \(fiParts.count)" } ?? "part unknown"
        var base = "NOTIFICATION (\(partText)): \(notification.result)"
        let anomalies = notification.anomalies
        if !anomalies.isEmpty {
            let ids = anomalies.prefix(10).map { $0.errorID ?? "?" }.joined(separator: ", ")
            base += ", \(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies") (\(ids)\(anomalies.count > 10 ? ", ..." : ""))"
        }
        if !notification.diagnoses.isEmpty {
            base += ", diagnosis " + notification.diagnoses.map(String.init).joined(separator: ", ")
        }
        switch notification.result {
        case .notOK:
            return move(to: .rejected, from: current, detail: base)
        case .ok:
            guard let part, let partID = part.id else {
                return AnswerVerdict(moveTo: nil, detail: base + "; it does not say which part: the submission waits for one that does")
            }
            let ok = okParts.union([partID])
            let missing = fiParts.filter { $0.id.map { !ok.contains($0) } ?? true }.map { String($0.part) }
            guard missing.isEmpty else {
                return AnswerVerdict(moveTo: nil, detail: base + "; waiting for part(s) \(missing.joined(separator: ", "))")
            }
            let target: SubmissionState = earlierAnomalies || !anomalies.isEmpty ? .acceptedWithAnomalies : .accepted
            return move(to: target, from: current, detail: base)
        case .proposal, .temporaryAnswer:
            return AnswerVerdict(moveTo: nil, detail: base + "; not final: no change")
        case .timeout:
            return AnswerVerdict(moveTo: nil, detail: base + "; the platform timed out handling the form: no change")
        }
    }

    private static func move(to target: SubmissionState, from current: SubmissionState, detail: String) -> AnswerVerdict {
        if current == target { return AnswerVerdict(moveTo: nil, detail: detail + "; \(target.rawValue) already") }
        if current.allows(target) { return AnswerVerdict(moveTo: target, detail: detail) }
        return AnswerVerdict(moveTo: nil, detail: detail + "; not applied: the submission is already \(current.rawValue)",
                             isConflicting: current.isFinal)
    }
}
