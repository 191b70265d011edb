import Testing
import ServiceSupport

struct LivenessBoardTests {
    @Test func registeringCountsAsTheFirstBeat() {
        let board = LivenessBoard()
        #expect(board.allAlive(within: .seconds(1)))  // no loops yet
        board.register("spool-watcher")
        #expect(board.loops == ["spool-watcher"])
        #expect(board.allAlive(within: .seconds(1)))
    }

    @Test func aLoopThatStopsBeatingGoesStale() async throws {
        let board = LivenessBoard()
        board.register("a")
        board.register("b")
        try await Task.sleep(for: .milliseconds(150))
        board.beat("a")
        #expect(board.staleLoops(within: .milliseconds(100)) == ["b"])
        #expect(!board.allAlive(within: .milliseconds(100)))
        // A generous window still counts both as alive.
        #expect(board.allAlive(within: .seconds(30)))
    }

    @Test func unregisteredLoopsAreNoLongerWaitedFor() async throws {
        let board = LivenessBoard()
        board.register("finished")
        board.register("running")
        try await Task.sleep(for: .milliseconds(150))
        board.beat("running")
        board.unregister("finished")
        #expect(board.loops == ["running"])
        #expect(board.allAlive(within: .milliseconds(100)))
    }

    /// Waiting for work is what a healthy idle loop does: only a round that lasts too long is stale.
    @Test func aWaitingLoopNeverGoesStaleButARoundDoes() async throws {
        let board = LivenessBoard()
        board.register("idle")
        board.register("busy")
        board.waiting("idle")
        try await Task.sleep(for: .milliseconds(150))
        #expect(board.staleLoops(within: .milliseconds(100)) == ["busy"])
        board.beat("idle")
        board.waiting("busy")
        #expect(board.allAlive(within: .milliseconds(100)))
        try await Task.sleep(for: .milliseconds(150))
        #expect(board.staleLoops(within: .milliseconds(100)) == ["idle"])
    }
}
