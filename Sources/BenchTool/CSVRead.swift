import ArgumentParser
import CSV
import CSVInput
import Foundation

/// Reads a CSV file to the end with one engine and prints rows per second: the project's own parser
/// (`CSVSource`) or CSV.swift, kept here only so the replacement stays measurable against it.
struct CSVRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv-read",
        abstract: "Reads a CSV file with one parser and prints rows/s.")

    enum Engine: String, ExpressibleByArgument, CaseIterable { case own, csvswift }

    @Option(help: "own (CSVInput's CSVSource) or csvswift (CSV.swift's CSVReader).") var engine: Engine = .own
    @Argument(help: "CSV file (UTF-8 for the csvswift engine).") var file: String

    func run() throws {
        // The delimiter is detected the same way for both engines, before the clock starts.
        let delimiter = try CSVSource(path: file).delimiter
        let clock = ContinuousClock()
        let started = clock.now
        var rows = 0, fieldBytes = 0
        switch engine {
        case .own:
            var source = try CSVSource(path: file)
            while let row = try source.nextRow() {
                rows += 1
                fieldBytes &+= row.fields.count
            }
        case .csvswift:
            guard let stream = InputStream(fileAtPath: file) else { throw ValidationError("cannot open \(file)") }
            let reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: false,
                                       delimiter: delimiter.scalar)
            while let fields = reader.next() {
                rows += 1
                fieldBytes &+= fields.count
            }
            // A file InputStream learns it is at its end only from a read of 0 bytes, which CSV.swift reports as
            // `cannotReadFile` after the last row: only an error before the end is one.
            if let error = reader.error, stream.streamStatus != .atEnd {
                throw ValidationError("CSV.swift: \(error)")
            }
        }
        let seconds = Self.seconds(clock.now - started)
        print(Self.rate(label: "csv-read \(engine.rawValue)", count: rows, unit: "rows", seconds: seconds)
              + " (\(fieldBytes / max(rows, 1)) fields/row)")
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// `csv-read own: 1000000 rows in 0.812 s = 1231527 rows/s`
    static func rate(label: String, count: Int, unit: String, seconds: Double) -> String {
        let perSecond = seconds > 0 ? Int((Double(count) / seconds).rounded()) : 0
        return "\(label): \(count) \(unit) in \(String(format: "%.3f", seconds)) s = \(perSecond) \(unit)/s"
    }
}
