import ArgumentParser
import Foundation

/// Watches a running process for a while without disturbing it: CPU time used, resident memory
/// (sampled), and the context switches of each thread, to tell which thread wakes up and how often.
struct ProcessWatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proc-watch",
        abstract: "Samples a process's CPU time, RSS and per-thread context switches over a period.")

    @Option(help: "Process id.") var pid: Int32
    @Option(help: "Seconds to watch.") var seconds: Double = 60
    @Option(help: "Milliseconds between two samples of RSS and threads.") var intervalMs = 200

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let before = try ProcessSnapshot(pid: pid)
        var peakKB = before.residentKB
        // Worker threads come and go: each thread's counters are kept as last seen, so one that ends
        // during the window still counts up to its last sample.
        var lastSeen = before.threads
        let end = started + .milliseconds(Int64(seconds * 1000))
        while clock.now < end {
            let left = CSVRead.seconds(end - clock.now)
            Thread.sleep(forTimeInterval: max(0, min(left, Double(intervalMs) / 1000)))
            let sample = try ProcessSnapshot(pid: pid)
            peakKB = max(peakKB, sample.residentKB)
            lastSeen.merge(sample.threads) { _, new in new }
        }
        let after = try ProcessSnapshot(pid: pid)
        lastSeen.merge(after.threads) { _, new in new }
        let elapsed = CSVRead.seconds(clock.now - started)
        report(before: before, after: after, seen: lastSeen, peakKB: peakKB, elapsed: elapsed)
    }

    private func report(before: ProcessSnapshot, after: ProcessSnapshot, seen: [Int: ProcessSnapshot.ThreadCounters],
                        peakKB: Int, elapsed: Double) {
        struct Row { let tid: Int; let name: String; let voluntary: Int; let involuntary: Int; let note: String }
        let rows = seen.map { tid, last -> Row in
            let then = before.threads[tid]
            let note = then == nil ? " (started in the window)" : (after.threads[tid] == nil ? " (ended in the window)" : "")
            return Row(tid: tid, name: last.name, voluntary: last.voluntary - (then?.voluntary ?? 0),
                       involuntary: last.involuntary - (then?.involuntary ?? 0), note: note)
        }.sorted { ($0.voluntary + $0.involuntary, $1.tid) > ($1.voluntary + $1.involuntary, $0.tid) }
        let started = rows.filter { before.threads[$0.tid] == nil }.count
        let ended = rows.filter { after.threads[$0.tid] == nil }.count
        let voluntary = rows.reduce(0) { $0 + $1.voluntary }, involuntary = rows.reduce(0) { $0 + $1.involuntary }
        let switches = voluntary + involuntary
        let cpu = after.cpuSeconds - before.cpuSeconds
        let mb = { (kb: Int) in String(format: "%.1f", Double(kb) / 1024) }
        print("proc-watch: pid \(pid) over \(String(format: "%.1f", elapsed)) s: CPU \(String(format: "%.3f", cpu)) s "
              + "(\(String(format: "%.3f", cpu / elapsed * 100)) % of one core), RSS \(mb(after.residentKB)) MB "
              + "(peak \(mb(peakKB)) MB), \(after.threads.count) threads at the end")
        if let memory = ProcessSnapshot.memoryBreakdownKB(pid: pid) {
            print("  memory at the end: anonymous (heap, stacks) \(mb(memory.anonymous)) MB, file-backed (binary, "
                  + "shared libraries) \(mb(memory.fileBacked)) MB; PSS \(mb(memory.proportional)) MB")
        }
        print("  context switches: \(switches) (\(String(format: "%.2f", Double(switches) / elapsed))/s), "
              + "voluntary (thread went to sleep) \(voluntary), involuntary \(involuntary); "
              + "threads started in the window \(started), ended \(ended) (sampled every \(intervalMs) ms)")
        print("  per thread:        tid  voluntary  involuntary  per minute  name")
        for row in rows {
            let perMinute = Double(row.voluntary + row.involuntary) / elapsed * 60
            print("  " + String(repeating: " ", count: 17) + pad(row.tid, 6) + pad(row.voluntary, 11)
                  + pad(row.involuntary, 13) + "  " + String(format: "%10.1f", perMinute) + "  \(row.name)\(row.note)")
        }
        print("summary: cpu_s=\(String(format: "%.3f", cpu)) rss_mb=\(mb(after.residentKB)) rss_peak_mb=\(mb(peakKB)) "
              + "switches=\(switches) switches_per_s=\(String(format: "%.2f", Double(switches) / elapsed)) "
              + "threads=\(after.threads.count) threads_started=\(started) "
              + "anonymous_mb=\(ProcessSnapshot.memoryBreakdownKB(pid: pid).map { mb($0.anonymous) } ?? "-")")
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
