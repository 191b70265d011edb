import Foundation
import Testing
@testable import ServiceSupport

/// Everything that goes through `NOTIFY_SOCKET` / `WATCHDOG_USEC`: the environment is
/// process-wide, so these tests run one at a time.
@Suite(.serialized)
struct NotifySocketTests {
    @Test func lifeCycleMessagesReachTheNotifySocket() async throws {
        let socket = try NotifySocket()
        await socket.whileAdvertised {
            let notifier = ServiceNotifier()
            #expect(notifier.isEnabled)

            #expect(notifier.ready())
            #expect(socket.receive() == "READY=1")

            #expect(notifier.status(WorkSummary(queued: 3, inFlight: 1, failed: 0)))
            #expect(socket.receive() == "STATUS=3 queued, 1 in flight, 0 failed")
            let paused = ["conversion paused: cannot write /spool/work/reports/x: No space left on device"]
            #expect(notifier.status(WorkSummary(queued: 1, inFlight: 0, failed: 0, paused: paused)))
            #expect(socket.receive() == "STATUS=1 queued, 0 in flight, 0 failed; " + paused[0])

            #expect(notifier.watchdog())
            #expect(socket.receive() == "WATCHDOG=1")

            #expect(notifier.stopping())
            #expect(socket.receive() == "STOPPING=1")
        }
    }

    @Test func reloadingCarriesTheMonotonicClock() async throws {
        let socket = try NotifySocket()
        try await socket.whileAdvertised {
            var before = timespec()
            clock_gettime(CLOCK_MONOTONIC, &before)
            #expect(ServiceNotifier().reloading())
            var after = timespec()
            clock_gettime(CLOCK_MONOTONIC, &after)

            let message = try #require(socket.receive())
            let lines = message.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first == "RELOADING=1")
            let stamp = try #require(lines.last?.split(separator: "=", maxSplits: 1))
            #expect(stamp.first == "MONOTONIC_USEC")
            let microseconds = try #require(UInt64(stamp.last ?? ""))
            let lower = UInt64(before.tv_sec) * 1_000_000 + UInt64(before.tv_nsec) / 1_000
            let upper = UInt64(after.tv_sec) * 1_000_000 + UInt64(after.tv_nsec) / 1_000
            #expect(microseconds >= lower && microseconds <= upper)
        }
    }

    @Test func statusIsOneLineWithNISSMasked() async throws {
        let socket = try NotifySocket()
        await socket.whileAdvertised {
            // A newline would smuggle a second assignment (here a fake READY=1) into the message.
            #expect(ServiceNotifier().status("failed for 85.07.30-033.28\nREADY=1"))
            #expect(socket.receive() == "STATUS=failed for *********28 READY=1")
        }
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingFails() async throws {
        let socket = try NotifySocket()
        let previous = getenv("NOTIFY_SOCKET").map { String(cString: $0) }
        unsetenv("NOTIFY_SOCKET")
        defer { if let previous { setenv("NOTIFY_SOCKET", previous, 1) } }

        let notifier = ServiceNotifier()
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.status("idle"))
        #expect(!notifier.reloading())
        #expect(!notifier.watchdog())
        #expect(!notifier.stopping())
        #expect(socket.receive(timeout: .milliseconds(200)) == nil)
    }

    @Test func watchdogIntervalComesFromTheEnvironment() throws {
        unsetenv("WATCHDOG_USEC")
        unsetenv("WATCHDOG_PID")
        #expect(ServiceNotifier().watchdogInterval == nil)

        setenv("WATCHDOG_USEC", "2500000", 1)
        setenv("WATCHDOG_PID", String(getpid()), 1)
        defer { unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }
        #expect(ServiceNotifier().watchdogInterval == .milliseconds(2500))

        // systemd addresses the watchdog to one PID; a child that inherited the variables must not ping.
        setenv("WATCHDOG_PID", String(getpid() + 1), 1)
        #expect(ServiceNotifier().watchdogInterval == nil)
    }

    @Test func pingerPingsOnlyWhileEveryLoopBeats() async throws {
        let socket = try NotifySocket()
        try await socket.whileAdvertised {
            let board = LivenessBoard()
            board.register("spool-watcher")
            board.register("uploader")
            let pinger = WatchdogPinger(notifier: ServiceNotifier(), board: board, interval: .milliseconds(400))

            #expect(pinger.pingIfAlive())
            #expect(socket.receive() == "WATCHDOG=1")

            // The uploader stalls; the spool watcher keeps beating.
            try await Task.sleep(for: .milliseconds(500))
            board.beat("spool-watcher")
            #expect(board.staleLoops(within: .milliseconds(400)) == ["uploader"])
            #expect(!pinger.pingIfAlive())
            #expect(socket.receive(timeout: .milliseconds(200)) == nil)

            board.beat("uploader")
            #expect(pinger.pingIfAlive())
            #expect(socket.receive() == "WATCHDOG=1")
        }
    }

    @Test func runningPingerStopsWhenALoopStopsBeating() async throws {
        let socket = try NotifySocket()
        try await socket.whileAdvertised {
            let board = LivenessBoard()
            board.register("worker")
            let pinger = WatchdogPinger(notifier: ServiceNotifier(), board: board, interval: .milliseconds(200),
                                        livenessWindow: .milliseconds(300))
            let pinging = Task { await pinger.run() }
            defer { pinging.cancel() }

            // Alive: the pinger feeds the watchdog every 100 ms.
            let beatUntil = ContinuousClock.now + .milliseconds(600)
            while ContinuousClock.now < beatUntil {
                board.beat("worker")
                try await Task.sleep(for: .milliseconds(30))
            }
            let whileAlive = socket.drain()
            #expect(whileAlive.count >= 2)
            #expect(whileAlive.allSatisfy { $0 == "WATCHDOG=1" })

            // Stalled: once the window has passed, no more pings arrive.
            try await Task.sleep(for: .milliseconds(400))
            _ = socket.drain()
            #expect(socket.receive(timeout: .milliseconds(500)) == nil)

            // Recovered: pings resume.
            board.beat("worker")
            #expect(socket.receive(timeout: .seconds(2)) == "WATCHDOG=1")
            pinging.cancel()
            await pinging.value
        }
    }
}
