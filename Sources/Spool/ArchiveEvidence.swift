import Glibc
import Journal

/// What the spool shows was already done, whatever the journal says: every submission name of
/// `sender` under `archive/<export>/` (the submission folders are named after their GO, and hold
/// their FI, FS and GO), and the highest export number with a folder in `archive/` or a report in
/// `reports/`. Read at every start, so a lost or restored journal is noticed before it hands out a
/// name again.
public enum ArchiveEvidence {
    public static func gather(in layout: SpoolLayout, sender: String) throws(SpoolError) -> SequenceEvidence {
        var evidence = SequenceEvidence()
        for export in try listIfPresent(layout.archive) where export.isDirectory {
            let folder = "\(layout.archive)/\(export.name)"
            if let id = exportID(export.name) { evidence.note(exportID: id, place: folder) }
            for entry in try Intake.list(folder) {
                let path = "\(folder)/\(entry.name)"
                evidence.note(name: entry.name, sentBy: sender, place: path)
                guard entry.isDirectory else { continue }
                for file in try Intake.list(path) where !file.isDirectory {
                    evidence.note(name: file.name, sentBy: sender, place: "\(path)/\(file.name)")
                }
            }
        }
        for report in try listIfPresent(layout.reports) where !report.isDirectory {
            guard let dash = report.name.firstIndex(of: "-"), let id = exportID(report.name[..<dash]) else { continue }
            evidence.note(exportID: id, place: "\(layout.reports)/\(report.name)")
        }
        return evidence
    }

    /// An export number as the spool writes it: digits only, no leading zero.
    static func exportID(_ text: Substring.SubSequence) -> Int64? {
        guard !text.isEmpty, text.first != "0", text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }

    static func exportID(_ text: String) -> Int64? { exportID(Substring(text)) }

    /// A folder not made yet (a fresh install) shows nothing.
    private static func listIfPresent(_ folder: String) throws(SpoolError) -> [Intake.FolderEntry] {
        do {
            return try Intake.list(folder)
        } catch where error.code == ENOENT {
            return []
        }
    }
}
