import ArgumentParser
import FLAFlow
import Foundation

/// Runs `CSVExportReader` over a file end to end (CSV, header mapping, field checks, duplicate ids) and
/// prints records per second.
struct ReadExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-export",
        abstract: "Reads a CSV export into validated records and prints records/s.")

    @Argument(help: "CSV export file.") var file: String

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var reader = try CSVExportReader(path: file)
        var records = 0, rejected = 0
        var firstProblem: RecordProblem?
        while let item = try reader.next() {
            switch item {
            case .record: records += 1
            case .rejected(let problems):
                rejected += 1
                if firstProblem == nil { firstProblem = problems.first }
            }
        }
        // Repeats the in-memory check could not hold are found now: what a conversion would read again for.
        let late = try reader.lateDuplicates()
        let seconds = CSVRead.seconds(clock.now - started)
        print(CSVRead.rate(label: "read-export \(reader.kind)", count: records + rejected, unit: "records",
                           seconds: seconds) + " (\(records) valid, \(rejected) rejected, \(late.count) repeated id(s) found at the end)")
        if let firstProblem { print("first problem: \(firstProblem)") }
    }
}
