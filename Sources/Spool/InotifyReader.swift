import Foundation
import Glibc
import Logging
import Synchronization

/// The thread behind `IncomingWatcher`: owns the inotify descriptor and turns the kernel's
/// `inotify_event` records into `IncomingEvent`s.
final class InotifyReader: Sendable {
    static let watchMask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
    /// Header of `struct inotify_event`: wd, mask, cookie, len (4 bytes each), then `len` name bytes.
    static let headerSize = MemoryLayout<inotify_event>.size
    /// Room for many events; one event needs at most header + NAME_MAX + 1.
    static let bufferSize = 64 * 1024
    /// How often to try again to re-create and watch a folder that went away.
    static let rewatchRetryMilliseconds: Int32 = 1000

    let directory: String
    /// Internal for tests, which check that it is closed.
    let inotifyDescriptor: Int32
    private let firstWatch: Int32
    /// A socket pair: `stop()` writes one byte to wake the thread out of `poll`.
    private let wakeReceiver: Int32
    private let wakeSender: Int32
    private let continuation: AsyncStream<IncomingEvent>.Continuation
    private let logger: Logger
    private let stopped = Atomic<Bool>(false)

    init(directory: String, continuation: AsyncStream<IncomingEvent>.Continuation, logger: Logger) throws(SpoolError) {
        self.directory = directory
        self.continuation = continuation
        self.logger = logger
        inotifyDescriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotifyDescriptor >= 0 else { throw SpoolError(.watch, path: directory) }
        var pair: [Int32] = [-1, -1]
        let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        guard socketpair(AF_UNIX, kind, 0, &pair) == 0 else {
            let error = SpoolError(.watch, path: directory)
            close(inotifyDescriptor)
            throw error
        }
        wakeReceiver = pair[0]
        wakeSender = pair[1]
        var first = Self.watch(directory, with: inotifyDescriptor)
        if case .failure(let error) = first, error.code == ENOENT {
            do throws(SpoolError) {
                try SpoolLayout.createFolder(directory)
                first = Self.watch(directory, with: inotifyDescriptor)
            } catch {
                first = .failure(error)
            }
        }
        switch first {
        case .success(let descriptor):
            firstWatch = descriptor
        case .failure(let error):
            close(inotifyDescriptor); close(wakeReceiver); close(wakeSender)
            throw error
        }
    }

    deinit {
        // The thread has ended by now (it holds a reference until then) and closed the inotify descriptor.
        close(wakeReceiver)
        close(wakeSender)
    }

    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "fladaemon-inotify"
        thread.start()
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeSender, &byte, 1)
    }

    // MARK: The thread

    private func loop() {
        var currentWatch: Int32? = firstWatch
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize,
                                                      alignment: MemoryLayout<inotify_event>.alignment)
        defer {
            buffer.deallocate()
            close(inotifyDescriptor)
            continuation.finish()
        }
        var descriptors = [
            pollfd(fd: inotifyDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReceiver, events: Int16(POLLIN), revents: 0),
        ]
        while !stopped.load(ordering: .acquiring) {
            // Without a watch, wake now and then to put it back; with one, sleep until something happens.
            let timeout: Int32 = currentWatch == nil ? Self.rewatchRetryMilliseconds : -1
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                logger.error("inotify poll failed: \(String(cString: strerror(errno))); watching of \(directory) stops")
                return
            }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents != 0 {
                guard drain(buffer, currentWatch: &currentWatch) else { return }
            }
            if currentWatch == nil { rewatch(&currentWatch) }
        }
    }

    /// Reads every queued event. False when the descriptor failed and the thread must end.
    private func drain(_ buffer: UnsafeMutableRawPointer, currentWatch: inout Int32?) -> Bool {
        while true {
            let count = read(inotifyDescriptor, buffer, Self.bufferSize)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return true }
                logger.error("reading inotify events failed: \(String(cString: strerror(errno))); watching of \(directory) stops")
                return false
            }
            if count == 0 { return true }
            parse(UnsafeRawBufferPointer(start: buffer, count: count), currentWatch: &currentWatch)
        }
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, currentWatch: inout Int32?) {
        var offset = 0
        while offset + Self.headerSize <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + Self.headerSize
            guard nameLength >= 0, nameStart + nameLength <= bytes.count else { return }
            // The name is NUL-padded to an aligned length.
            let raw = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<(nameStart + nameLength)])
            let nameBytes = raw.prefix { $0 != 0 }
            offset = nameStart + nameLength
            handle(watch: watch, mask: mask, nameBytes: Array(nameBytes), currentWatch: &currentWatch)
        }
    }

    private func handle(watch: Int32, mask: UInt32, nameBytes: [UInt8], currentWatch: inout Int32?) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            continuation.yield(.overflow)
            return
        }
        // Events of a watch replaced earlier (its IN_IGNORED arrives after the new one is in place).
        guard let current = currentWatch, watch == current else { return }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED) != 0 {
            if mask & UInt32(IN_MOVE_SELF) != 0 {
                // The watch would follow the folder to its new place; the path is what counts.
                inotify_rm_watch(inotifyDescriptor, current)
            }
            logger.warning("\(directory) was removed or moved away; re-creating it and watching again")
            currentWatch = nil
            rewatch(&currentWatch)
            return
        }
        guard mask & UInt32(IN_ISDIR) == 0, !nameBytes.isEmpty else { return }
        guard let name = String(validating: nameBytes, as: UTF8.self) else {
            let shown = String(decoding: nameBytes, as: UTF8.self)
            logger.warning("ignoring a file in \(directory) whose name is not UTF-8: \(shown); rename it")
            return
        }
        if mask & UInt32(IN_MOVED_TO) != 0 {
            continuation.yield(.movedIn(name))
        } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
            continuation.yield(.closedAfterWrite(name))
        }
    }

    private func rewatch(_ currentWatch: inout Int32?) {
        do throws(SpoolError) {
            try SpoolLayout.createFolder(directory)
        } catch {
            return
        }
        if case .success(let descriptor) = Self.watch(directory, with: inotifyDescriptor) {
            currentWatch = descriptor
            logger.notice("watching \(directory) again")
            continuation.yield(.rewatched)
        }
    }

    private static func watch(_ directory: String, with descriptor: Int32) -> Result<Int32, SpoolError> {
        let watch = inotify_add_watch(descriptor, directory, watchMask)
        return watch >= 0 ? .success(watch) : .failure(SpoolError(.watch, path: directory))
    }
}
