import Stages
import Synchronization
import Testing

@Suite struct WakeUpTests {
    @Test func aKickBeforeTheWaitIsNotLost() async {
        let wake = WakeUp()
        wake.kick()
        #expect(await wake.wait(timeout: .seconds(30)))
    }

    @Test func withoutAKickTheWaitEndsAtItsTimeout() async {
        let wake = WakeUp()
        let clock = ContinuousClock()
        let took = await clock.measure { #expect(await wake.wait(timeout: .milliseconds(100)) == false) }
        #expect(took >= .milliseconds(100))
    }

    @Test func aKickWakesAWaiter() async {
        let wake = WakeUp()
        async let woken = wake.wait(timeout: .seconds(30))
        try? await Task.sleep(for: .milliseconds(50))
        wake.kick()
        #expect(await woken)
    }

    /// A stage cancelled at shutdown, then asked to idle, must not wait at all: its waiter was set after
    /// the cancellation handler had already run, so nothing would ever resume it. (Polled, so that a
    /// regression fails the test instead of hanging the run.)
    @Test func aTaskCancelledBeforeItWaitsReturnsAtOnce() async throws {
        let wake = WakeUp()
        let returned = Atomic<Bool>(false)
        let waiter = Task {
            while !Task.isCancelled { await Task.yield() }
            _ = await wake.wait(timeout: .seconds(3600))
            returned.store(true, ordering: .sequentiallyConsistent)
        }
        waiter.cancel()
        for _ in 0..<50 where !returned.load(ordering: .sequentiallyConsistent) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let didReturn = returned.load(ordering: .sequentiallyConsistent)
        #expect(didReturn, "the cancelled wait did not return within 5 s")
    }
}
