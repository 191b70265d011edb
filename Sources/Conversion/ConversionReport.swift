import BatchFormat
import FLAFlow
import Foundation

/// The text the payroll team reads about one export: every refused record with file, line, field,
/// value (NISS masked) and reason, then what was prepared. Written as problems stream in, so a
/// million bad rows never sit in memory; kept whole only on `finish`.
final class ConversionReport {
    let path: String
    private let writer: AtomicFileWriter
    private(set) var problemCount = 0
    private(set) var rejectedRecords = 0
    /// The first problems, for the command's own output.
    private(set) var firstProblems: [RecordProblem] = []
    static let keptInMemory = 20

    init(path: String, exportName: String, sha256: String) throws {
        self.path = path
        try? FileManager.default.removeItem(atPath: path)
        // An attempt killed while writing left its temporary file: it has no use now.
        let folder = (path as NSString).deletingLastPathComponent
        let stale = "." + (path as NSString).lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(stale) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        writer = try AtomicFileWriter(path: path, permissions: 0o640)
        try writer.write("fladaemon conversion report\nexport: \(exportName)\nsha256: \(sha256)\n" +
                         "made:   \(Date().formatted(.iso8601))\n\n")
    }

    func rejected(_ problems: [RecordProblem]) throws {
        rejectedRecords += 1
        for problem in problems { try add(problem) }
    }

    func add(_ problem: RecordProblem) throws {
        problemCount += 1
        if firstProblems.count < Self.keptInMemory { firstProblems.append(problem) }
        if problemCount == 1 { try writer.write("problems:\n") }
        try writer.write("  \(problem.description)\n")
    }

    func finish(summary: String) throws {
        try writer.write((problemCount > 0 ? "\n" : "") + summary + "\n")
        try writer.commit()
    }

    func abandon() { writer.abandon() }
}
