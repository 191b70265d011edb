import Transport
import BatchFormat

/// What the answer fetcher takes from OUT and how it checks it.
public struct AnswerFetchPolicy: Sendable {
    /// The channel's environment: an answer whose name carries another letter is not ours to read.
    public var environment: BatchEnvironment
    /// Answer types this daemon reads; other applications' answers in the same folder stay untouched.
    public var answerTypes: Set<String>
    /// An answer larger than this, by the listing's size, is not downloaded.
    public var maxAnswerBytes: Int
    /// PEM with the platform's certificate, to verify the FS of each answer; nil: kept, not verified.
    public var platformCertificate: String?

    public static let batchAnswerTypes: Set<String> = ["ACRF", "NOTI"]
    public static let defaultMaxAnswerBytes = 16 << 20

    public init(environment: BatchEnvironment, answerTypes: Set<String> = AnswerFetchPolicy.batchAnswerTypes,
                maxAnswerBytes: Int = AnswerFetchPolicy.defaultMaxAnswerBytes, platformCertificate: String? = nil) {
        self.environment = environment; self.answerTypes = answerTypes; self.maxAnswerBytes = maxAnswerBytes
        self.platformCertificate = platformCertificate
    }
}
