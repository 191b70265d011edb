import Delivery
import Settings
import Transport

extension AnswerFetchPolicy {
    /// The policy the configuration asks for: the channel's environment, `results.max_answer_bytes` and
    /// `results.platform_certificate`.
    public init(_ settings: FladaemonSettings) {
        self.init(environment: settings.channel.environment, maxAnswerBytes: settings.results.maxAnswerBytes,
                  platformCertificate: settings.results.platformCertificate)
    }
}
