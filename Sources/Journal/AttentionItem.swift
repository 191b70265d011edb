import Foundation

/// One thing that needs a person, as `status` lists it first: until it is put right (an export
/// reprocessed, a submission retried) or marked handled with `fladaemon dismiss`.
public struct AttentionItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An export set aside (bad file, invalid records).
        case quarantinedExport = "quarantined-export"
        /// A submission stopped on our side.
        case failedSubmission = "failed-submission"
        /// A submission the platform refused.
        case rejectedSubmission = "rejected-submission"
        /// Sent, and no acknowledgement within `results.acknowledgement_deadline_hours`.
        case unacknowledged
        /// An answer that matched nothing, could not be read, or whose signature failed.
        case answer
        /// A file in OUT that was not downloaded and needs a look (not a batch name, too large, ...).
        case outEntry = "out-entry"
    }

    public var kind: Kind
    /// What `dismiss` takes: the answer's or OUT file's name, the GO name, or `export-<id>`.
    public var name: String
    public var reason: String
    public var since: Date

    public init(kind: Kind, name: String, reason: String, since: Date) {
        self.kind = kind; self.name = name; self.reason = reason; self.since = since
    }
}
