import Foundation
import Journal
import Spool

/// Opens the journal for a process that hands out names (the daemon, `convert`), refusing when it is
/// missing, empty or older than what the spool's archive shows was already used: such a journal would
/// start again from a sequence the platform has seen (code 133). A fresh install (nothing archived)
/// opens, and creates, its journal as always. A missing journal is not created when refused.
public enum SequenceFloorGuard {
    public static func openJournal(path: String, layout: SpoolLayout, sender: String,
                                   recovery: String) throws -> Journal {
        let evidence = try ArchiveEvidence.gather(in: layout, sender: sender)
        if evidence.isEmpty { return try Journal(path: path) }
        let standing: SequenceFloorCheck.Standing
        var journal: Journal?
        switch fileSize(path) {
        case nil:
            standing = .missing
        case 0? where (fileSize(path + "-wal") ?? 0) == 0:
            standing = .empty
        default:
            let opened = try Journal(path: path)
            journal = opened
            standing = .present(try opened.highWater())
        }
        if let refusal = SequenceFloorCheck.refusal(standing, evidence: evidence, journalPath: path, recovery: recovery) {
            throw refusal
        }
        return try journal ?? Journal(path: path)
    }

    /// The size of the file at `path`, nil when there is none.
    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}
