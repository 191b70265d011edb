import Testing
@testable import Spool

@Suite struct SettleTrackerTests {
    let start = ContinuousClock.now
    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }
    func file(size: Int64, modified: Int64, inode: UInt64 = 7) -> FileSnapshot {
        FileSnapshot(inode: inode, size: size, modified: modified)
    }

    @Test func takesAFileOnlyAfterItStayedUnchangedForTheSettleTime() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let state = file(size: 10, modified: 1)
        tracker.observe("a.csv", snapshot: state, now: at(0))
        #expect(tracker.nextDeadline == at(200))
        #expect(tracker.settled(now: at(199)) { _ in state }.isEmpty)
        #expect(tracker.settled(now: at(200)) { _ in state } == ["a.csv"])
        #expect(tracker.isEmpty)
    }

    @Test func anyChangeRestartsTheWait() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        tracker.observe("a.csv", snapshot: file(size: 10, modified: 1), now: at(0))
        // Grown by the time of the first look: wait a full settle time from here.
        #expect(tracker.settled(now: at(200)) { _ in file(size: 20, modified: 2) }.isEmpty)
        #expect(tracker.nextDeadline == at(400))
        // Same size, newer mtime (rewritten in place): still not settled.
        #expect(tracker.settled(now: at(400)) { _ in file(size: 20, modified: 3) }.isEmpty)
        // Replaced by another file (new inode) of the same size and time: not settled either.
        #expect(tracker.settled(now: at(600)) { _ in file(size: 20, modified: 3, inode: 8) }.isEmpty)
        #expect(tracker.settled(now: at(800)) { _ in file(size: 20, modified: 3, inode: 8) } == ["a.csv"])
    }

    @Test func aCloseWriteWithoutChangeKeepsTheClockRunning() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let state = file(size: 10, modified: 1)
        tracker.observe("a.csv", snapshot: state, now: at(0))
        tracker.observe("a.csv", snapshot: state, now: at(150))
        #expect(tracker.settled(now: at(200)) { _ in state } == ["a.csv"])
    }

    @Test func aCloseWriteWithChangeRestartsTheClock() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        tracker.observe("a.csv", snapshot: file(size: 10, modified: 1), now: at(0))
        tracker.observe("a.csv", snapshot: file(size: 11, modified: 2), now: at(150))
        #expect(tracker.nextDeadline == at(350))
        #expect(tracker.settled(now: at(200)) { _ in file(size: 11, modified: 2) }.isEmpty)
        #expect(tracker.settled(now: at(350)) { _ in file(size: 11, modified: 2) } == ["a.csv"])
    }

    @Test func filesThatGoAwayAreDropped() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        tracker.observe("a.csv", snapshot: file(size: 1, modified: 1), now: at(0))
        tracker.observe("b.csv", snapshot: file(size: 1, modified: 1), now: at(0))
        tracker.observe("c.csv", snapshot: nil, now: at(0))
        #expect(tracker.tracked == ["a.csv", "b.csv"])
        #expect(tracker.settled(now: at(300)) { $0 == "a.csv" ? nil : file(size: 1, modified: 1) } == ["b.csv"])
        #expect(tracker.isEmpty)
        #expect(tracker.nextDeadline == nil)
    }

    @Test func reportsSeveralSettledFilesSortedAndTheEarliestDeadline() {
        var tracker = SettleTracker(settle: .milliseconds(100))
        let state = file(size: 1, modified: 1)
        tracker.observe("b.csv", snapshot: state, now: at(0))
        tracker.observe("a.csv", snapshot: state, now: at(10))
        tracker.observe("c.csv", snapshot: state, now: at(50))
        #expect(tracker.nextDeadline == at(100))
        #expect(tracker.settled(now: at(120)) { _ in state } == ["a.csv", "b.csv"])
        tracker.forget("c.csv")
        #expect(tracker.isEmpty)
    }
}
