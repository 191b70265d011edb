/// The kinds of answer the simulated platform writes; the type takes the flow's place in the answer name.
public enum AnswerType: String, Hashable, Sendable, CaseIterable {
    /// File acknowledgement.
    case acrf = "ACRF"
    /// Notification about one handled form.
    case notification = "NOTI"
}
