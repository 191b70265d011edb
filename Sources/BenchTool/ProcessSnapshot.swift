import ArgumentParser
import Foundation
import Glibc

/// What `/proc` says about one process at one instant: CPU time, resident memory, and each thread's
/// name and context switches (a voluntary switch is the thread going to sleep: one per wake-up).
struct ProcessSnapshot {
    struct ThreadCounters {
        let name: String
        let voluntary: Int
        let involuntary: Int
    }

    let cpuSeconds: Double
    let residentKB: Int
    let threads: [Int: ThreadCounters]

    init(pid: Int32) throws {
        cpuSeconds = try Self.cpuSeconds(pid: pid)
        residentKB = try Self.residentKB(pid: pid)
        var threads: [Int: ThreadCounters] = [:]
        let taskFolder = "/proc/\(pid)/task"
        for entry in try FileManager.default.contentsOfDirectory(atPath: taskFolder) {
            guard let tid = Int(entry),
                  let status = try? String(contentsOfFile: "\(taskFolder)/\(entry)/status", encoding: .utf8) else {
                continue  // The thread ended between the listing and the read.
            }
            let fields = Self.fields(of: status)
            threads[tid] = ThreadCounters(name: fields["Name"] ?? "?",
                                          voluntary: Int(fields["voluntary_ctxt_switches"] ?? "") ?? 0,
                                          involuntary: Int(fields["nonvoluntary_ctxt_switches"] ?? "") ?? 0)
        }
        self.threads = threads
    }

    /// utime + stime from `/proc/PID/stat`; the name field may hold spaces and parentheses, so fields
    /// are counted from its closing parenthesis.
    static func cpuSeconds(pid: Int32) throws -> Double {
        let stat = try read("/proc/\(pid)/stat")
        guard let close = stat.lastIndex(of: ")") else { throw ValidationError("/proc/\(pid)/stat: no name field") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw ValidationError("/proc/\(pid)/stat: unexpected layout")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func residentKB(pid: Int32) throws -> Int {
        let fields = fields(of: try read("/proc/\(pid)/status"))
        guard let rss = fields["VmRSS"]?.split(separator: " ").first.flatMap({ Int($0) }) else {
            throw ValidationError("/proc/\(pid)/status: no VmRSS")
        }
        return rss
    }

    /// Anonymous (the process's own heap and stacks) and file-backed (binary and shared libraries,
    /// shared with every other process using them) parts of the resident set, and the proportional set size.
    static func memoryBreakdownKB(pid: Int32) -> (anonymous: Int, fileBacked: Int, proportional: Int)? {
        guard let rollup = try? read("/proc/\(pid)/smaps_rollup") else { return nil }
        let fields = fields(of: rollup)
        func kb(_ key: String) -> Int? { fields[key]?.split(separator: " ").first.flatMap { Int($0) } }
        guard let rss = kb("Rss"), let anonymous = kb("Anonymous"), let pss = kb("Pss") else { return nil }
        return (anonymous, rss - anonymous, pss)
    }

    private static func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("cannot read \(path) (has the process ended?)")
        }
    }

    /// `Key:\tvalue` lines.
    private static func fields(of status: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in status.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
