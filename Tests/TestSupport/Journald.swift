import Foundation
import Synchronization

public enum JournaldError: Error, CustomStringConvertible {
    case notInstalled(String)
    case didNotStart(String)
    case lockFailed(String)
    case unreadableOutput(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case .notInstalled(let path): return "systemd-journald not found at \(path) (install the systemd package)"
        case .didNotStart(let why): return "systemd-journald did not start: \(why)"
        case .lockFailed(let why): return "could not coordinate with other test processes: \(why)"
        case .unreadableOutput(let line): return "journalctl printed a line that is not a JSON object: \(line)"
        case .timedOut(let what): return "timed out waiting for \(what)"
        }
    }
}

/// A real `systemd-journald` the tests can log to and read back with `journalctl`.
///
/// In a container systemd is not PID 1, so no journald runs; as root we start a standalone one.
/// It binds the well-known `/run/systemd/journal/socket` (the only place `sd_journal_sendv`
/// writes to) and keeps a volatile journal in `/run/log/journal`. If a journald already runs
/// system-wide it is used as it is and never stopped.
///
/// The socket is machine-wide, so users are counted across tasks *and* test processes (several
/// `swift test` runs may overlap): each process holds a shared `flock` while it uses journald,
/// and whoever leaves last stops the journald the tests started and removes exactly what starting
/// it created, leaving the machine as found. A state file records that journald, so a test process
/// that crashed mid-way is cleaned up by the next run.
public final class Journald: Sendable {
    public static let executable = "/lib/systemd/systemd-journald"
    static let socketPath = "/run/systemd/journal/socket"
    static let runtimeJournal = "/run/log/journal"
    static let dropInDirectory = "/run/systemd/journald.conf.d"
    static let dropInFile = "/run/systemd/journald.conf.d/90-fladaemon-tests.conf"
    /// Serializes starting and stopping between test processes.
    static let lockFile = "/run/fladaemon-tests-journald.lock"
    /// Every process using journald holds a shared lock on it; an exclusive one means "nobody else".
    static let usersFile = "/run/fladaemon-tests-journald.users"
    /// The journald the tests started: its PID, then the paths starting it created.
    static let stateFile = "/run/fladaemon-tests-journald.state"

    private struct Shared {
        var instance: Journald?
        var users = 0
        var usersLock: Int32 = -1
    }
    private static let shared = Mutex(Shared())

    /// The journald the tests started, nil when a system-wide journald was already running.
    let processID: pid_t?
    /// Paths that did not exist before the tests started journald.
    let createdPaths: [String]

    private init(processID: pid_t?, createdPaths: [String]) {
        self.processID = processID
        self.createdPaths = createdPaths
    }

    /// Runs `body` with a journald running, starting one if needed and stopping it afterwards.
    public static func withRunning<T>(_ body: (Journald) async throws -> T) async throws -> T {
        let journald = try acquire()
        defer { release() }
        return try await body(journald)
    }

    static func acquire() throws -> Journald {
        try shared.withLock { state in
            if let instance = state.instance {
                state.users += 1
                return instance
            }
            let mutex = try lockExclusively(lockFile)
            defer { unlock(mutex) }
            let instance = try runningInstance() ?? start()
            let users = open(usersFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard users >= 0, flock(users, LOCK_SH) == 0 else {
                throw JournaldError.lockFailed("\(usersFile): \(String(cString: strerror(errno)))")
            }
            state.instance = instance
            state.users = 1
            state.usersLock = users
            return instance
        }
    }

    static func release() {
        shared.withLock { state in
            state.users -= 1
            guard state.users == 0 else { return }
            state.instance = nil
            guard let mutex = try? lockExclusively(lockFile) else { return }
            close(state.usersLock)  // drops this process's shared lock
            state.usersLock = -1
            let probe = open(usersFile, O_RDWR | O_CLOEXEC)
            defer { if probe >= 0 { close(probe) } }
            guard probe >= 0, flock(probe, LOCK_EX | LOCK_NB) == 0 else {
                unlock(mutex)  // another test process still logs to it
                return
            }
            if let started = runningInstance(), started.processID != nil { started.stop() }
            try? FileManager.default.removeItem(atPath: usersFile)
            try? FileManager.default.removeItem(atPath: lockFile)
            unlock(mutex)
        }
    }

    // MARK: Starting and stopping

    /// The journald some test process started (also one left by a crashed run), or a system-wide one.
    private static func runningInstance() -> Journald? {
        if let text = try? String(contentsOfFile: stateFile, encoding: .utf8) {
            let lines = text.split(separator: "\n").map(String.init)
            let created = Array(lines.dropFirst())
            if let first = lines.first, let processID = pid_t(first), isLiveJournald(processID) {
                return Journald(processID: processID, createdPaths: created)
            }
            removeCreated(created)
            try? FileManager.default.removeItem(atPath: stateFile)
        }
        return socketAcceptsDatagrams(socketPath) ? Journald(processID: nil, createdPaths: []) : nil
    }

    private static func start() throws -> Journald {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw JournaldError.notInstalled(executable) }
        guard geteuid() == 0 else {
            throw JournaldError.didNotStart("a standalone journald must bind \(socketPath), which needs root")
        }

        let candidates = ["/run/systemd", dropInDirectory, dropInFile, "/run/systemd/journal", "/run/log", runtimeJournal]
        let created = candidates.filter { !FileManager.default.fileExists(atPath: $0) }
        try FileManager.default.createDirectory(atPath: dropInDirectory, withIntermediateDirectories: true)
        // Volatile storage keeps the machine's persistent journal untouched; no kmsg or syslog
        // forwarding, which a container may not allow; no rate limit to drop test lines.
        try """
            [Journal]
            Storage=volatile
            ReadKMsg=no
            ForwardToSyslog=no
            ForwardToKMsg=no
            ForwardToConsole=no
            ForwardToWall=no
            RateLimitIntervalSec=0

            """.write(toFile: dropInFile, atomically: true, encoding: .utf8)

        let logFile = NSTemporaryDirectory() + "fladaemon-journald-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: logFile) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        defer { try? output.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // A minimal environment: an inherited NOTIFY_SOCKET (set by notify tests) must not reach journald.
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            removeCreated(created)
            throw JournaldError.didNotStart("could not launch \(executable): \(error)")
        }
        let started = Journald(processID: process.processIdentifier, createdPaths: created)
        let record = ([String(process.processIdentifier)] + created).joined(separator: "\n") + "\n"
        try? record.write(toFile: stateFile, atomically: true, encoding: .utf8)

        // journald binds its socket before it creates the journal file; journalctl needs both.
        let deadline = ContinuousClock.now + .seconds(10)
        while !(socketAcceptsDatagrams(socketPath) && runtimeJournalExists()) {
            if !process.isRunning || ContinuousClock.now > deadline {
                started.stop()
                let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
                let why = process.isRunning
                    ? "no \(socketPath) accepting or no journal file in \(runtimeJournal) after 10 s"
                    : "exited with \(process.terminationStatus)"
                throw JournaldError.didNotStart("\(why); its output: \(log)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return started
    }

    private func stop() {
        if let processID {
            kill(processID, SIGTERM)
            if !Self.waitForExit(processID, timeout: .seconds(5)) {
                kill(processID, SIGKILL)
                _ = Self.waitForExit(processID, timeout: .seconds(5))
            }
            try? FileManager.default.removeItem(atPath: Self.stateFile)
        }
        Self.removeCreated(createdPaths)
    }

    /// Waits for journald to exit, reaping it when it is our child so no zombie stays behind.
    private static func waitForExit(_ processID: pid_t, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID || !isLiveJournald(processID) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Running (not a zombie awaiting its parent) and really a journald, not a recycled PID.
    private static func isLiveJournald(_ processID: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8) else { return false }
        // "<pid> (<comm>) <state> ..."
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return false }
        let command = stat[stat.index(after: open)..<close]
        let rest = stat[stat.index(after: close)...].drop { $0 == " " }
        return command.hasPrefix("systemd-journal") && rest.first != "Z" && rest.first != "X"
    }

    private static func removeCreated(_ paths: [String]) {
        // Deepest first, so a parent we created goes after its contents.
        for path in paths.sorted(by: { $0.count > $1.count }) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Exclusive `flock` on `path`, retrying if the file was replaced while we waited
    /// (the last user deletes it), so two processes never lock two different files.
    private static func lockExclusively(_ path: String) throws -> Int32 {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw JournaldError.lockFailed("\(path): \(String(cString: strerror(errno)))") }
            guard flock(fd, LOCK_EX) == 0 else {
                let why = String(cString: strerror(errno))
                close(fd)
                throw JournaldError.lockFailed("\(path): \(why)")
            }
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                return fd
            }
            close(fd)
        }
    }

    private static func unlock(_ fd: Int32) {
        close(fd)  // closing releases the flock
    }

    private static func runtimeJournalExists() -> Bool {
        guard let files = FileManager.default.enumerator(atPath: runtimeJournal) else { return false }
        return files.contains { ($0 as? String)?.hasSuffix(".journal") == true }
    }

    /// True when something listens on the datagram socket at `path` (a stale socket file refuses).
    static func socketAcceptsDatagrams(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + 1)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) == 0 }
        }
    }

    // MARK: Reading back

    /// `journalctl` arguments that select this journal.
    var journalArguments: [String] {
        processID == nil ? [] : ["--directory", Self.runtimeJournal]
    }

    /// Entries matching all `matches` (journalctl `FIELD=value` terms), each as field → value.
    /// Fields journald stores as binary or with several values are rendered as their JSON text.
    public func entries(matching matches: [String]) throws -> [[String: String]] {
        let result = try Command.check("journalctl", journalArguments + ["--no-pager", "-o", "json"] + matches)
        return try result.stdout.split(separator: "\n").map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw JournaldError.unreadableOutput(String(line))
            }
            return object.mapValues { value in
                if let text = value as? String { return text }
                let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
                return data.map { String(decoding: $0, as: UTF8.self) } ?? String(describing: value)
            }
        }
    }

    /// Polls until at least `count` entries match: journald writes asynchronously.
    public func waitForEntries(
        matching matches: [String], count: Int = 1, timeout: Duration = .seconds(10)
    ) async throws -> [[String: String]] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = try entries(matching: matches)
            if found.count >= count { return found }
            if ContinuousClock.now > deadline {
                throw JournaldError.timedOut("\(count) journal entries matching \(matches) (found \(found.count))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
