import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport
@testable import Spool

/// Collects a watcher's events on a task of its own.
final class EventLog: Sendable {
    private let storage = Mutex<[IncomingEvent]>([])
    var events: [IncomingEvent] { storage.withLock { $0 } }

    func follow(_ watcher: IncomingWatcher) -> Task<Void, Never> {
        Task { for await event in watcher.events { storage.withLock { $0.append(event) } } }
    }
}

@Suite struct IncomingWatcherTests {
    @Test func reportsRenamesAndClosedWritesButNotFolders() async throws {
        let directory = try TemporaryDirectory()
        let incoming = directory.file("incoming").path
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let watcher = try IncomingWatcher(directory: incoming)
        let log = EventLog()
        let following = log.follow(watcher)
        defer { following.cancel() }

        try append(Data("complete".utf8), to: directory.file("outside.csv").path)
        #expect(rename(directory.file("outside.csv").path, "\(incoming)/moved.csv") == 0)
        try append(Data("line 1\n".utf8), to: "\(incoming)/written.csv")
        try FileManager.default.createDirectory(atPath: "\(incoming)/sub", withIntermediateDirectories: false)
        // A file renamed within the folder arrives under its new name.
        try append(Data("x".utf8), to: "\(incoming)/upload.part")
        #expect(rename("\(incoming)/upload.part", "\(incoming)/upload.csv") == 0)
        // A name with a space and non-ASCII letters comes through intact.
        try append(Data("y".utf8), to: "\(incoming)/paie décembre.csv")

        let expected: [IncomingEvent] = [.movedIn("moved.csv"), .closedAfterWrite("written.csv"),
                                         .closedAfterWrite("upload.part"), .movedIn("upload.csv"),
                                         .closedAfterWrite("paie décembre.csv")]
        #expect(await eventually { log.events.count >= expected.count })
        try await Task.sleep(for: .milliseconds(100))
        #expect(log.events == expected)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to shrink the kernel's inotify queue"))
    func aKernelQueueOverflowIsReported() async throws {
        let directory = try TemporaryDirectory()
        let incoming = directory.file("incoming").path
        // The queue length is fixed when an inotify instance is made: shrink it just for this one.
        // A lock keeps concurrent test processes from taking each other's small value for the normal one.
        let lock = open("/tmp/fladaemon-inotify-queue.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let setting = "/proc/sys/fs/inotify/max_queued_events"
        let previous = Int(try String(contentsOfFile: setting, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16384
        try "1".write(toFile: setting, atomically: false, encoding: .utf8)
        let made = Result { try IncomingWatcher(directory: incoming) }
        // A value this small can only be a leftover of an interrupted run: put the kernel default back.
        try "\(previous < 1024 ? 16384 : previous)".write(toFile: setting, atomically: false, encoding: .utf8)
        close(lock)
        let watcher = try made.get()
        let log = EventLog()
        let following = log.follow(watcher)
        defer { following.cancel() }

        // The reader thread drains the queue as fast as it can; bursts from two threads outrun it
        // sooner or later. Bounded: at most 20 bursts.
        var written = 0
        for burst in 0..<20 where !log.events.contains(.overflow) {
            DispatchQueue.concurrentPerform(iterations: 200) { index in
                try? append(Data("x".utf8), to: "\(incoming)/b\(burst)-\(index).csv")
            }
            written += 200
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await eventually(timeout: .seconds(10)) { log.events.contains(.overflow) })
        // Some arrivals were lost: that is why the caller must list the folder again.
        #expect(log.events.filter { $0 != .overflow }.count < written)
    }

    @Test func aRemovedFolderIsRecreatedAndWatchedAgain() async throws {
        let directory = try TemporaryDirectory()
        let incoming = directory.file("incoming").path
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let watcher = try IncomingWatcher(directory: incoming)
        let log = EventLog()
        let following = log.follow(watcher)
        defer { following.cancel() }

        try FileManager.default.removeItem(atPath: incoming)
        #expect(await eventually { log.events.contains(.rewatched) })
        var info = stat()
        #expect(stat(incoming, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
        try append(Data("x".utf8), to: "\(incoming)/after.csv")
        #expect(await eventually { log.events.contains(.closedAfterWrite("after.csv")) })

        // Moved away: the path is what is watched, not the folder that left.
        #expect(rename(incoming, directory.file("elsewhere").path) == 0)
        #expect(await eventually { log.events.filter { $0 == .rewatched }.count == 2 })
        try append(Data("x".utf8), to: directory.file("elsewhere/ghost.csv").path)
        try append(Data("x".utf8), to: "\(incoming)/second.csv")
        #expect(await eventually { log.events.contains(.closedAfterWrite("second.csv")) })
        #expect(!log.events.contains(.closedAfterWrite("ghost.csv")))
    }

    @Test func cancellingTheConsumerEndsTheStreamAndClosesTheDescriptor() async throws {
        let directory = try TemporaryDirectory()
        let incoming = directory.file("incoming").path
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let watcher = try IncomingWatcher(directory: incoming)
        let descriptor = watcher.reader.inotifyDescriptor
        #expect(Self.inotifyWatches(descriptor: descriptor, folder: incoming))

        let consumer = Task { for await _ in watcher.events {} }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        await consumer.value
        #expect(await eventually { !Self.inotifyWatches(descriptor: descriptor, folder: incoming) })
    }

    @Test func stopEndsTheStream() async throws {
        let directory = try TemporaryDirectory()
        let watcher = try IncomingWatcher(directory: directory.path)
        let ended = Mutex(false)
        let consumer = Task {
            for await _ in watcher.events {}
            ended.withLock { $0 = true }
        }
        watcher.stop()
        watcher.stop()
        #expect(await eventually(timeout: .seconds(10)) { ended.withLock { $0 } })
        consumer.cancel()
    }

    @Test func aMissingFolderIsCreated() throws {
        let directory = try TemporaryDirectory()
        let watcher = try IncomingWatcher(directory: directory.file("new/incoming").path)
        defer { watcher.stop() }
        #expect(FileManager.default.fileExists(atPath: directory.file("new/incoming").path))
    }

    @Test func aFileInsteadOfAFolderIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("incoming", "a file").path
        #expect(throws: SpoolError.self) { _ = try IncomingWatcher(directory: path) }
    }

    /// Whether `descriptor` is an inotify instance watching `folder` (by inode, from /proc).
    static func inotifyWatches(descriptor: Int32, folder: String) -> Bool {
        var info = stat()
        guard stat(folder, &info) == 0,
              let text = try? String(contentsOfFile: "/proc/self/fdinfo/\(descriptor)", encoding: .utf8) else { return false }
        let inode = String(UInt64(info.st_ino), radix: 16)
        return text.split(separator: "\n").contains { $0.hasPrefix("inotify wd:") && $0.contains(" ino:\(inode) ") }
    }
}
