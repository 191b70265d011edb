import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer per channel: an exclusive `flock` on a file beside the journal (`<journal>.lock`) that
/// holds, as text, the holder's pid on its first line and what it is (`fladaemon run`,
/// `fladaemon convert`, ...) on the second.
///
/// The daemon holds it for as long as it runs; a command that changes something (converts, uploads,
/// downloads) holds it for its side effects; read-only commands never take it. The kernel releases it
/// when the holder ends, however it ends, so a crash leaves no stale lock: the next holder writes its
/// own pid over the old one.
public final class ChannelLock {
    /// Who holds the lock: the daemon for its whole life, a command for a moment.
    public enum Holder: Sendable, Equatable, CustomStringConvertible {
        case daemon
        /// The subcommand's name, e.g. `convert`.
        case command(String)

        public var description: String {
            switch self {
            case .daemon: return "fladaemon run"
            case .command(let name): return "fladaemon \(name)"
            }
        }

        init(text: String) {
            let name = text.hasPrefix("fladaemon ") ? String(text.dropFirst("fladaemon ".count)) : text
            self = name == "run" ? .daemon : .command(name)
        }
    }

    public let path: String
    public let holder: Holder
    private var descriptor: Int32

    /// The lock file of the journal at `journalPath`.
    public static func path(forJournal journalPath: String) -> String { journalPath + ".lock" }

    /// Takes the lock of the journal at `journalPath` for `holder`. A command holding it is waited for
    /// up to `patience`; the daemon, which holds it for good, is not waited for. `whileTheDaemonRuns`
    /// tells the operator what to do instead when the daemon holds it.
    public init(journalPath: String, holder: Holder, patience: Duration = .seconds(30),
                whileTheDaemonRuns advice: String) throws(ChannelLockError) {
        path = Self.path(forJournal: journalPath)
        self.holder = holder
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw ChannelLockError(path: path, problem: .unusable(Self.errorText())) }
        let deadline = ContinuousClock.now + patience
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                close(fd)
                throw ChannelLockError(path: path, problem: .unusable(String(cString: strerror(code))))
            }
            let current = Self.readHolder(fd)
            if current?.holder == .daemon || ContinuousClock.now >= deadline {
                close(fd)
                throw ChannelLockError(path: path, problem: .held(pid: current?.pid, by: current?.holder, us: holder,
                                                                  advice: advice))
            }
            usleep(50_000)
        }
        let text = "\(getpid())\n\(holder)\n"
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.utf8.count, 0) == text.utf8.count else {
            let problem = ChannelLockError.Problem.unusable(Self.errorText())
            close(fd)
            throw ChannelLockError(path: path, problem: problem)
        }
        // Only now owned: a failed attempt above closed its own descriptor.
        descriptor = fd
    }

    deinit { release() }

    /// Ends the hold (also done when the process ends). Safe to call twice.
    public func release() {
        guard descriptor >= 0 else { return }
        // Closing the last descriptor of the open file releases the flock.
        close(descriptor)
        descriptor = -1
    }

    /// The pid and role the holder wrote; nil when not written yet (it has just taken the lock).
    private static func readHolder(_ descriptor: Int32) -> (pid: Int32, holder: Holder)? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let lines = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n")
        guard let first = lines.first, let pid = Int32(first.trimmingCharacters(in: .whitespaces)) else { return nil }
        return (pid, Holder(text: lines.count > 1 ? String(lines[1]) : ""))
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Why the channel lock could not be taken; the text says what to do.
public struct ChannelLockError: Error, Sendable, CustomStringConvertible {
    public enum Problem: Sendable {
        /// `pid` and `by` are nil when the holder had not written them yet.
        case held(pid: Int32?, by: ChannelLock.Holder?, us: ChannelLock.Holder, advice: String)
        case unusable(String)
    }

    public let path: String
    public let problem: Problem

    /// The holder's pid, when known.
    public var holderPID: Int32? {
        if case .held(let pid, _, _, _) = problem { return pid }
        return nil
    }

    public var description: String {
        switch problem {
        case .unusable(let detail):
            return "cannot use the channel lock \(path): \(detail); the folder of the journal must be writable"
        case .held(let pid, let holder, let us, let advice):
            let who = pid.map { "pid \($0)" } ?? "pid not yet written"
            switch (holder, us) {
            case (.daemon?, .daemon):
                return "another fladaemon daemon (\(who)) already runs on this channel (lock \(path)): one daemon "
                    + "per channel; stop it first, or give this one a configuration with a journal of its own"
            case (.daemon?, _):
                return "the fladaemon daemon (\(who)) runs on this channel (lock \(path)): \(advice); "
                    + "or stop the daemon first"
            case (.command(let name)?, _):
                return "`fladaemon \(name)` (\(who)) is still working on this channel (lock \(path)); "
                    + "try again once it has finished"
            case (nil, _):
                return "another fladaemon process (\(who)) holds the channel lock \(path); try again once it has finished"
            }
        }
    }
}
