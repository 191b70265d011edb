import Foundation
import Glibc
import Testing
import TestSupport
@testable import Spool

@Suite struct SpoolLayoutTests {
    @Test func createsEveryFolderWith0750() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.file("var/spool/fladaemon/").path)
        let previous = umask(0o077)
        defer { umask(previous) }
        try layout.create()
        for folder in [layout.root, layout.incoming, layout.work, layout.archive, layout.failed, layout.reports] {
            var info = stat()
            #expect(stat(folder, &info) == 0, "\(folder) missing")
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(info.st_mode & 0o777 == 0o750, "\(folder) has mode \(String(info.st_mode & 0o777, radix: 8))")
        }
        // Idempotent, and an operator's own rights are kept.
        chmod(layout.reports, 0o755)
        try layout.create()
        var info = stat()
        stat(layout.reports, &info)
        #expect(info.st_mode & 0o777 == 0o755)
    }

    @Test func refusesAFileWhereAFolderBelongs() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.path)
        try directory.write("incoming", "not a folder")
        #expect(throws: SpoolError(.createFolder, path: layout.incoming, code: ENOTDIR)) { try layout.create() }
    }

    @Test func namesTheArchiveSubmissionAndReportPaths() {
        let layout = SpoolLayout(root: "/var/spool/fladaemon/")
        #expect(layout.root == "/var/spool/fladaemon")
        #expect(layout.archiveFolder(exportID: 42) == "/var/spool/fladaemon/archive/42")
        #expect(layout.submissionFolder(exportID: 42, goName: "GO.FLAX.123456.20260115.00001.T.1")
                == "/var/spool/fladaemon/archive/42/GO.FLAX.123456.20260115.00001.T.1")
        #expect(layout.reportPath(exportID: 42, sourceName: "payroll.csv")
                == "/var/spool/fladaemon/reports/42-payroll.csv.txt")
        // A name from outside never becomes a path.
        #expect(layout.reportPath(exportID: 7, sourceName: "../x") == "/var/spool/fladaemon/reports/7-.._x.txt")
        let long = String(repeating: "é", count: 200) + ".csv"
        let report = FileMove.baseName(layout.reportPath(exportID: 7, sourceName: long))
        #expect(report.utf8.count <= 255)
        #expect(report.hasSuffix(".csv.txt"))
    }

    @Test func quarantineKeepsEveryFileWithItsReasonAndNeverOverwrites() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.path)
        try layout.create()
        var kept: [String] = []
        for round in 1...3 {
            let source = try directory.write("incoming/payroll.csv", "content \(round)").path
            kept.append(try layout.quarantine(file: source, reason: "round \(round) failed"))
            #expect(!FileManager.default.fileExists(atPath: source))
        }
        #expect(kept == ["payroll.csv", "payroll-2.csv", "payroll-3.csv"].map { "\(layout.failed)/\($0)" })
        for (index, path) in kept.enumerated() {
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "content \(index + 1)")
            let reason = try String(contentsOfFile: path + ".reason", encoding: .utf8)
            #expect(reason.hasPrefix("round \(index + 1) failed\nfile: payroll.csv\nset aside: "))
        }
        #expect(names(in: layout.failed) == ["payroll-2.csv", "payroll-2.csv.reason", "payroll-3.csv",
                                            "payroll-3.csv.reason", "payroll.csv", "payroll.csv.reason"])
    }

    @Test func quarantineSkipsANameWhoseReasonIsAlreadyTaken() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.path)
        try layout.create()
        try directory.write("failed/a.csv.reason", "left by an earlier crash")
        let source = try directory.write("work/a.csv", "data").path
        #expect(try layout.quarantine(file: source, reason: "r") == "\(layout.failed)/a-2.csv")
        #expect(try String(contentsOfFile: "\(layout.failed)/a.csv.reason", encoding: .utf8) == "left by an earlier crash")
    }

    @Test func quarantineOfAMissingFileFailsAndLeavesNoReasonBehind() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.path)
        try layout.create()
        #expect(throws: SpoolError.self) { try layout.quarantine(file: "\(layout.work)/gone.csv", reason: "r") }
        #expect(names(in: layout.failed).isEmpty)
    }

    @Test func candidateNamesCountBeforeTheExtension() {
        #expect(SpoolLayout.candidate("a.csv", attempt: 1) == "a.csv")
        #expect(SpoolLayout.candidate("a.csv", attempt: 12) == "a-12.csv")
        #expect(SpoolLayout.candidate("noext", attempt: 2) == "noext-2")
        #expect(SpoolLayout.candidate(".hidden", attempt: 2) == ".hidden-2")
        let long = String(repeating: "x", count: 255)
        #expect(SpoolLayout.candidate(long, attempt: 999).utf8.count + ".reason".utf8.count <= 255)
    }
}
