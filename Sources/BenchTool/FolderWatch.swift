import ArgumentParser
import Glibc

/// Names that appear in one folder (created or moved in), as inotify reports them, with the instant
/// each was read. Waits never outlast their deadline.
final class FolderWatch {
    struct Arrival {
        let name: String
        let at: ContinuousClock.Instant
    }

    private let descriptor: Int32
    private var queued: [Arrival] = []
    private static let bufferSize = 64 * 1024

    init(folder: String) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw ValidationError("inotify_init1: \(String(cString: strerror(errno)))") }
        guard inotify_add_watch(descriptor, folder, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR)) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ValidationError("cannot watch \(folder): \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Forgets what arrived so far.
    func discardPending() {
        readAvailable()
        queued.removeAll()
    }

    /// The next arrival, or nil once `deadline` has passed.
    func next(before deadline: ContinuousClock.Instant) -> Arrival? {
        let clock = ContinuousClock()
        while queued.isEmpty {
            let left = deadline - clock.now
            if left <= .zero { return nil }
            let (seconds, attoseconds) = left.components
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 1, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
            if ready < 0 && errno != EINTR { return nil }
            if ready > 0 { readAvailable() }
        }
        return queued.removeFirst()
    }

    private func readAvailable() {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize,
                                                      alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, Self.bufferSize)
            guard count > 0 else { return }
            let now = ContinuousClock.now
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let start = buffer.advanced(by: offset + header).assumingMemoryBound(to: UInt8.self)
                let bytes = UnsafeBufferPointer(start: start, count: min(length, count - offset - header))
                let name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                if !name.isEmpty { queued.append(Arrival(name: name, at: now)) }
                offset += header + length
            }
        }
    }
}
