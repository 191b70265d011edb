import Foundation
import Journal

/// One FI part written, validated and (in production) signed in the staging folder, not yet named.
///
/// Staged files are named by their SHA-256, so that after a crash the journal's file rows
/// are enough to find them again.
struct StagedPart: Sendable {
    var fiPath: String
    var fiByteCount: Int
    var fiSHA256: String
    /// The detached signature, base64 with CRLF as the FS file holds it; nil outside production.
    var fs: (path: String, byteCount: Int, sha256: String)?
    var recordCount: Int
    /// Form creation date and hour inside the FI, unique across every FI ever made.
    var formCreation: String
    /// File holding the export line of each record, in document order, as the journal stores them
    /// (UInt32, little-endian); nil for an FI the exporter formed.
    var recordLinesPath: String?
}
