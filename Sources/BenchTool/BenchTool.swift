import ArgumentParser

/// Tools for `make bench` and `make demo`: realistic inputs of any size, made on the spot.
@main
struct BenchTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "BenchTool",
        abstract: "Makes sample exports for benchmarks and the demo, and measures CSV reading.",
        subcommands: [GenerateExport.self, CSVRead.self, ReadExport.self]
    )
}
