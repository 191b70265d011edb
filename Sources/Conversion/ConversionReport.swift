import BatchFormat
import FLAFlow
import Foundation

/// The text the payroll team reads about one export: every refused record with file, line, field,
/// value (NISS masked) and reason, the warnings about values changed on the way, then what was prepared.
/// Written as problems stream in, so a million bad rows never sit in memory; kept whole only on `finish`.
/// Warnings come after the problems, so the first `warningsNamed` are held until then and the rest counted.
final class ConversionReport {
    let path: String
    private let writer: AtomicFileWriter
    private(set) var problemCount = 0
    private(set) var rejectedRecords = 0
    /// The first problems, for the command's own output.
    private(set) var firstProblems: [RecordProblem] = []
    static let keptInMemory = 20
    private(set) var warningCount = 0
    private var namedWarnings: [RecordProblem] = []
    static let warningsNamed = 1000

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

    func warned(_ warnings: [RecordProblem]) {
        warningCount += warnings.count
        namedWarnings += warnings.prefix(Self.warningsNamed - namedWarnings.count)
    }

    func finish(summary: String) throws {
        if problemCount > 0 { try writer.write("\n") }
        if warningCount > 0 {
            try writer.write("warnings (values changed on their way into the FI):\n")
            for warning in namedWarnings { try writer.write("  \(warning.description)\n") }
            if warningCount > namedWarnings.count {
                try writer.write("  ... and \(warningCount - namedWarnings.count) more warning(s) of these kinds\n")
            }
            try writer.write("\n")
        }
        try writer.write(summary + "\n")
        try writer.commit()
    }

    func abandon() { writer.abandon() }
}
