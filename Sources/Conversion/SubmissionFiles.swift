import BatchFormat
import Foundation
import Journal

/// Puts a recorded submission's files in place: FI and FS renamed out of staging, GO created last.
///
/// Safe to repeat: what is already in place is kept, what is still staged is moved, so the same
/// call finishes a preparation that a crash interrupted after the journal recorded the names.
public enum SubmissionFiles {
    public static func putInPlace(_ submission: SubmissionRecord, files: [SubmissionFileRecord],
                                  stagingDirectory: String) throws {
        let directory = submission.directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let goPath = directory + "/" + submission.goName
        for file in files where file.kind != .go {
            let target = directory + "/" + file.name
            if FileManager.default.fileExists(atPath: target) { continue }
            let staged = stagingDirectory + "/" + file.sha256
            guard FileManager.default.fileExists(atPath: staged) else {
                throw ConversionError.io("\(file.name) of submission \(submission.id ?? 0) is neither in \(directory) nor staged in \(stagingDirectory)")
            }
            try AtomicFileWriter.renameWithoutReplacing(staged, to: target)
        }
        try AtomicFileWriter.syncDirectory(directory)
        // The GO says the triplet is complete: only once every FI and FS is durable under its name.
        if !FileManager.default.fileExists(atPath: goPath) {
            try AtomicFileWriter.write([], to: goPath)
        }
    }

    /// Whether the local triplet is complete (its GO exists).
    public static func isInPlace(_ submission: SubmissionRecord) -> Bool {
        FileManager.default.fileExists(atPath: submission.directory + "/" + submission.goName)
    }
}
