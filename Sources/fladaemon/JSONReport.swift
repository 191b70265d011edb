import Foundation
import Journal

/// What `--json` prints: stable field names in snake_case, dates in ISO 8601 (UTC), one document.
/// `schema` counts changes that remove or rename a field; new fields may appear within a version.
enum JSONReport {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    struct Export: Encodable {
        var id: Int64
        var file: String
        var state: String
        var detail: String?
        var receivedAt: Date
        var updatedAt: Date

        init(_ export: ExportRecord) {
            id = export.id ?? 0; file = export.sourceFile; state = export.state.rawValue; detail = export.detail
            receivedAt = export.receivedAt; updatedAt = export.updatedAt
        }
    }

    struct Submission: Encodable {
        var id: Int64
        var exportId: Int64
        var name: String
        var flow: String
        var parts: Int
        var records: Int
        var state: String
        var ticket: String?
        var detail: String?
        var updatedAt: Date

        init(_ submission: SubmissionRecord) {
            id = submission.id ?? 0; exportId = submission.exportID; name = submission.goName; flow = submission.flow
            parts = submission.parts; records = submission.recordCount; state = submission.state.rawValue
            ticket = submission.ticket; detail = submission.detail; updatedAt = submission.updatedAt
        }
    }

    /// Something that needs a person (`kind`: see `AttentionItem.Kind`), until put right or `fladaemon dismiss NAME`.
    struct Attention: Encodable {
        var kind: String
        var name: String
        var since: Date
        var reason: String
    }

    struct OutEntry: Encodable {
        var folder: String
        var name: String
        var reason: String
    }

    struct Status: Encodable {
        var schema = 1
        var needsAttention: [Attention]
        var exports: [Export]
        var submissions: [Submission]
        var leftInAnswerFolder: [OutEntry]
    }

    struct Anomaly: Encodable {
        var errorId: String
        var anomalyClass: String?
        var label: String?
        var field: String?
        var value: String?
        var fiLine: Int?
        var record: Int?
        var exportLine: Int?
        var keys: String?

        init(_ anomaly: AnomalyRecord) {
            errorId = anomaly.errorID; anomalyClass = anomaly.anomalyClass; label = anomaly.label; field = anomaly.tagName
            value = anomaly.value; fiLine = anomaly.fiLine; record = anomaly.recordPosition; exportLine = anomaly.exportLine
            keys = anomaly.path
        }
    }

    struct Event: Encodable {
        var at: Date
        var from: String?
        var to: String
        var detail: String?
    }

    struct Answer: Encodable {
        var name: String
        var state: String
        var type: String?
        var platformSignature: String?
    }

    struct Show: Encodable {
        var schema = 1
        var submission: Submission
        var export: Export?
        var files: [String]
        var anomalies: [Anomaly]
        var answers: [Answer]
        var history: [Event]
    }
}
