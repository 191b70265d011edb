import Foundation
import Journal
import Testing
import TestSupport

/// The fault harness, as a test: hundreds of exports dropped while the daemon is SIGKILLed again and
/// again at random moments and its connection cut at random byte offsets. At the end every export is
/// delivered exactly once: nothing lost, one GO per submission, no name used twice.
///
/// It takes minutes, so it runs in `make torture` (which CI runs after `make test`), not in `make test`,
/// where it shows as skipped with this reason.
@Suite struct KillHarnessTests {
    static let enabled = ProcessInfo.processInfo.environment["KILL_HARNESS"] == "1"
    static let exports = Int(ProcessInfo.processInfo.environment["KILL_HARNESS_EXPORTS"] ?? "") ?? 300
    static let kills = Int(ProcessInfo.processInfo.environment["KILL_HARNESS_KILLS"] ?? "") ?? 100

    @Test(.enabled(if: enabled, "the kill harness runs with `make torture`"), .timeLimit(.minutes(30)))
    func killsAndCutsAtRandomLoseNothingAndSendNothingTwice() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["KILL_HARNESS_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var random = SplitMix64(seed: seed)
        print("kill harness: seed \(seed) (KILL_HARNESS_SEED repeats a run), \(Self.exports) exports, \(Self.kills) kills")
        try await DaemonHarness.with(.init(throughProxy: true, configure: { $0.settleMilliseconds = 100 })) { harness in
            var names: [String] = []
            var cuts = 0
            let perLife = max(1, (Self.exports + Self.kills - 1) / Self.kills)
            for life in 0..<Self.kills {
                let daemon = try await harness.startReadyDaemon()
                if life % 3 == 1, let proxy = harness.proxy {
                    // Anywhere in the session: the handshake, authentication, a transfer, an answer.
                    proxy.cutAfter(bytes: Int.random(in: 500...74_000, using: &random), reset: Bool.random(using: &random))
                    cuts += 1
                }
                for _ in 0..<perLife where names.count < Self.exports {
                    let name = "export-\(names.count + 1).csv"
                    names.append(name)
                    try await harness.drop(name, SampleExport.trainingRights(tag: "K\(names.count)", records: 1 + names.count % 4))
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...120, using: &random)))
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...900, using: &random)))
                daemon.kill()
            }
            // The last life finishes everything.
            try await harness.startReadyDaemon()
            try await harness.waitUntilSettled(exports: names.count, timeout: .seconds(600))

            let journal = try harness.journal()
            let delivered = Set(try journal.exports().filter { $0.state == .converted }.map(\.sourceFile))
            let judged = harness.verdicts.map(\.fileName)
            let lost = names.filter { !delivered.contains($0) }
            let duplicated = judged.count - Set(judged).count
            let rejected = harness.verdicts.filter { !$0.isAccepted }.count
            print("kill harness: \(Self.kills) kills, \(cuts) cuts, \(names.count) exports, "
                  + "\(try journal.submissions().count) submissions, \(lost.count) lost, \(duplicated) duplicated, \(rejected) rejected")
            #expect(lost.isEmpty, "\(lost)")
            #expect(duplicated == 0)
            try harness.expectDeliveredExactlyOnce(names)
            harness.expectWorkFolderEmpty()
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }
}
