import ArgumentParser

/// Tools for `make bench` and `make demo`: realistic inputs of any size, made on the spot, and the
/// measurements `scripts/bench.sh` cannot make with standard programs.
@main
struct BenchTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "BenchTool",
        abstract: "Makes sample exports for benchmarks and the demo, and measures what the benchmarks report.",
        subcommands: [GenerateExport.self, CSVRead.self, ReadExport.self, UploadPattern.self, DropLatency.self,
                      ProcessWatch.self]
    )
}
