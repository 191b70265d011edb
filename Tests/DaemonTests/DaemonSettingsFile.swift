import Foundation

/// The YAML configuration a test daemon runs with, short timings so each test takes seconds.
struct DaemonSettingsFile: Sendable {
    var environment = "test"
    var spoolRoot: String
    var journalPath: String
    var sftpPort: Int
    var sftpUser: String
    var privateKey: String
    var hostFingerprint: String
    /// PEM certificate and key; required in production.
    var signing: (certificate: String, key: String)?
    var settleMilliseconds = 200
    var pollSeconds = 1
    var retryBaseSeconds = 1
    var retryMaxSeconds = 3
    var idleCloseSeconds = 60
    var connectTimeoutSeconds = 5
    var operationTimeoutSeconds = 10
    /// `results.max_answer_bytes`, when set.
    var maxAnswerBytes: Int?
    /// `results.platform_certificate`, when set.
    var platformCertificate: String?

    var yaml: String {
        var text = """
            channel:
              sender: "\(DaemonHarness.sender)"
              flow: "\(DaemonHarness.flow)"
              environment: \(environment)
              quality: employer
              declarant_bce: "0403170701"
            conversion:
              max_records_per_fi: 10000
            journal:
              path: \(journalPath)
            spool:
              root: \(spoolRoot)
              settle_ms: \(settleMilliseconds)
              retry_base_seconds: \(retryBaseSeconds)
              retry_max_seconds: \(retryMaxSeconds)
              idle_close_seconds: \(idleCloseSeconds)
            sftp:
              host: 127.0.0.1
              port: \(sftpPort)
              user: \(sftpUser)
              private_key: \(privateKey)
              host_fingerprints: ["\(hostFingerprint)"]
              connect_timeout_seconds: \(connectTimeoutSeconds)
              operation_timeout_seconds: \(operationTimeoutSeconds)
            results:
              remote_after_download: delete
              poll_seconds: \(pollSeconds)

            """
        if let maxAnswerBytes { text += "  max_answer_bytes: \(maxAnswerBytes)\n" }
        if let platformCertificate { text += "  platform_certificate: \(platformCertificate)\n" }
        if let signing {
            text += """
                signing:
                  certificate: \(signing.certificate)
                  key: \(signing.key)

                """
        }
        return text
    }
}
