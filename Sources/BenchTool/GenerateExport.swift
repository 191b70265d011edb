import ArgumentParser

/// Writes a canonical CSV export of valid training-rights (or trainings-followed) rows.
struct GenerateExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate-export")

    @Option(help: "Number of records.") var records: Int = 1000
    @Option(help: "rights or trainings.") var kind: SampleExport.Kind = .rights
    @Option(help: "Employer enterprise number of every row.") var employer: String = "0403170701"
    @Option(help: "First record id number (to make distinct exports).") var firstID: Int = 1
    @Argument(help: "Output file.") var output: String

    func run() throws {
        try SampleExport(kind: kind, records: records, employer: employer, firstID: firstID).write(to: output)
    }
}
