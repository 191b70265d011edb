/// What is known of the platform's own signature (`FS.…`) of an answer, as the journal keeps it.
public enum AnswerSignature {
    /// The FS verified against `results.platform_certificate`.
    public static let verified = "verified"
    /// An FS was there and is kept beside the answer, but no platform certificate is configured.
    public static let notVerified = "not verified"
    /// No FS came with the answer (the test circuits send none).
    public static let absent = "none"
    /// `invalid: <reason>`: the FS does not verify. The answer is kept but not applied.
    public static let invalidPrefix = "invalid"

    public static func invalid(_ reason: String) -> String { "\(invalidPrefix): \(reason)" }
}
