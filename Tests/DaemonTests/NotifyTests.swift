import Foundation
import Journal
import Testing
import TestSupport

/// What `Type=notify` systemd hears from the daemon, received on a socket the test owns.
@Suite struct NotifyTests {
    @Test func readyStatusReloadingAndStoppingReachTheNotifySocket() async throws {
        let listener = try NotifyListener()
        try await DaemonHarness.with { harness in
            let daemon = try harness.startDaemon(environment: ["NOTIFY_SOCKET": listener.path])
            try await harness.eventually("READY=1 is sent") { listener.assignments.contains("READY=1") }
            try await harness.eventually("a STATUS= is sent") { listener.assignments.contains { $0.hasPrefix("STATUS=") } }
            #expect(listener.assignments.first { $0.hasPrefix("STATUS=") } == "STATUS=0 queued, 0 in flight, 0 failed")

            // A refused declaration shows in the status line (housekeeping refreshes it every 10 s).
            try await harness.drop("refused.csv", """
                niss;employer_bce;year;days;joint_committee;record_id
                78110456758;0403170701;\(SampleExport.year);5;999;REFUSED-1

                """)
            try await harness.waitUntilSettled(exports: 1)
            #expect(try harness.submissions().map(\.state) == [.rejected])
            try await harness.eventually("the status counts the refusal", timeout: .seconds(30)) {
                listener.assignments.contains("STATUS=0 queued, 0 in flight, 1 failed")
            }

            // SIGHUP: RELOADING=1 with the monotonic time it started, then READY=1 again.
            let before = monotonicMicroseconds()
            daemon.send(SIGHUP)
            try await harness.eventually("RELOADING=1 then READY=1") {
                guard let reloading = listener.assignments.firstIndex(of: "RELOADING=1") else { return false }
                return listener.assignments[reloading...].contains("READY=1")
            }
            let after = monotonicMicroseconds()
            let reloading = try #require(listener.messages.first { $0.assignments.first == "RELOADING=1" })
            #expect(reloading.assignments.count == 2, "\(reloading.assignments)")
            let stamp = try #require(reloading.assignments.last.flatMap { field -> UInt64? in
                guard field.hasPrefix("MONOTONIC_USEC=") else { return nil }
                return UInt64(field.dropFirst("MONOTONIC_USEC=".count))
            })
            #expect(before <= stamp && stamp <= after, "MONOTONIC_USEC \(stamp) outside [\(before), \(after)]")

            #expect(try await harness.stopDaemon() == .exited(0))
            try await harness.eventually("STOPPING=1 is sent") { listener.assignments.contains("STOPPING=1") }
            let assignments = listener.assignments
            let readyIndices = assignments.indices.filter { assignments[$0] == "READY=1" }
            let stopping = try #require(assignments.firstIndex(of: "STOPPING=1"))
            let reload = try #require(assignments.firstIndex(of: "RELOADING=1"))
            #expect(readyIndices.count == 2, "ready at start and after the reload: \(assignments)")
            #expect((readyIndices.first ?? .max) < reload && reload < (readyIndices.last ?? .min))
            #expect((readyIndices.last ?? .max) < stopping, "nothing claims readiness once stopping: \(assignments)")
            #expect(!assignments.contains { $0.hasPrefix("WATCHDOG") }, "no watchdog was asked for")
        }
    }

    /// With `WatchdogSec=` set, systemd kills a service that does not send WATCHDOG=1 within that
    /// time. A healthy daemon idling longer than that (its polls are longer: 10 s housekeeping, 60 s
    /// conversion) must keep it fed.
    @Test func anIdleDaemonKeepsTheWatchdogFed() async throws {
        let listener = try NotifyListener()
        let watchdog = Duration.seconds(4)
        try await DaemonHarness.with { harness in
            try harness.startDaemon(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "4000000"])
            try await harness.eventually("READY=1 is sent") { listener.assignments.contains("READY=1") }
            let start = ContinuousClock.now
            // Past the 10 s housekeeping round, doing nothing.
            try await Task.sleep(for: .seconds(11))
            let end = ContinuousClock.now
            let pings = listener.messages.filter { $0.text == "WATCHDOG=1" }.map(\.at)
            #expect(pings.count >= 4, "\(pings.count) ping(s) in \(end - start)")
            let times = [start] + pings.filter { $0 > start } + [end]
            let longest = zip(times, times.dropFirst()).map { $1 - $0 }.max() ?? .zero
            #expect(longest < watchdog, "no WATCHDOG=1 for \(longest): systemd would have killed the daemon")
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }

    private func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
