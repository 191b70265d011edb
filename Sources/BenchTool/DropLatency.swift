import ArgumentParser
import Foundation
import Glibc

/// Drops small exports into the daemon's `incoming/` one at a time, by rename, and times each from the
/// rename to the moment its GO appears in the server's folder (read with inotify on that folder).
struct DropLatency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop-latency",
        abstract: "Times rename-into-incoming/ to GO-on-the-server for small exports, one at a time.")

    @Option(help: "The daemon's spool incoming/ folder.") var incoming: String
    @Option(help: "The server's local folder where GO files land (IN, INTEST, ...).") var remote: String
    @Option(help: "Exports measured.") var count = 50
    @Option(help: "Exports dropped first and reported apart (the first one opens the SSH session).") var warmUp = 1
    @Option(help: "Records per export.") var records = 5
    @Option(help: "Record id of the first record; each export gets the next ids, so every export differs.")
    var firstID = 5_000_000
    @Option(help: "Milliseconds to wait after a GO before the next drop.") var pauseMs = 100
    @Option(help: "Seconds an export may take to reach its GO before the run fails.") var timeoutSeconds = 30

    func run() throws {
        let watch = try FolderWatch(folder: remote)
        let clock = ContinuousClock()
        var toGO: [Double] = [], toFirstFile: [Double] = [], warmUps: [Double] = []
        for index in 0..<(warmUp + count) {
            let name = "bench-latency-\(firstID + index * records).csv"
            let hidden = "\(incoming)/.\(name).part"
            try SampleExport(records: records, firstID: firstID + index * records).write(to: hidden)
            watch.discardPending()
            let dropped = clock.now
            guard rename(hidden, "\(incoming)/\(name)") == 0 else {
                throw ValidationError("cannot rename \(hidden) into \(incoming): \(String(cString: strerror(errno)))")
            }
            let deadline = dropped + .seconds(timeoutSeconds)
            var first: ContinuousClock.Instant?
            while true {
                guard let arrival = watch.next(before: deadline) else {
                    let seen = first.map { "first remote file after \(LatencySummary.format(Self.ms($0 - dropped))) ms" }
                        ?? "nothing reached the server"
                    throw ValidationError("\(name): no GO in \(remote) within \(timeoutSeconds) s (\(seen))")
                }
                let firstAt = first ?? arrival.at
                first = firstAt
                if arrival.name.hasPrefix("GO.") {
                    let total = Self.ms(arrival.at - dropped)
                    if index < warmUp {
                        warmUps.append(total)
                    } else {
                        toGO.append(total)
                        toFirstFile.append(Self.ms(firstAt - dropped))
                    }
                    break
                }
            }
            Thread.sleep(forTimeInterval: Double(pauseMs) / 1000)
        }
        let go = LatencySummary(milliseconds: toGO), firstFile = LatencySummary(milliseconds: toFirstFile)
        let f = LatencySummary.format
        print("drop-latency: \(count) exports of \(records) records, rename -> GO on the server: "
              + "p50 \(f(go.percentile(0.5))) ms, p90 \(f(go.percentile(0.9))) ms, p99 \(f(go.percentile(0.99))) ms, "
              + "min \(f(go.minimum)) ms, max \(f(go.maximum)) ms")
        print("  rename -> first file on the server (intake + conversion + journal): p50 \(f(firstFile.percentile(0.5))) ms")
        if !warmUps.isEmpty {
            print("  warm-up drop(s), not counted (the first opens the SSH session): \(warmUps.map(f).joined(separator: ", ")) ms")
        }
        print("summary: p50_ms=\(f(go.percentile(0.5))) p99_ms=\(f(go.percentile(0.99))) max_ms=\(f(go.maximum)) "
              + "first_file_p50_ms=\(f(firstFile.percentile(0.5))) warmup_ms=\(warmUps.first.map(f) ?? "-")")
    }

    static func ms(_ duration: Duration) -> Double { CSVRead.seconds(duration) * 1000 }
}
