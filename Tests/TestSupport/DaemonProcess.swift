import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a spawned process ended.
public enum ProcessTermination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    /// Decodes a `waitpid` status (the `WIFEXITED` / `WTERMSIG` macros are not importable).
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with \(code)"
        case .signalled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A long-running program (the daemon under test) started with `posix_spawn`, its standard output
/// and error appended to a file.
///
/// Not Foundation's `Process`: the test signals, kills and reaps the child itself, and the child
/// must not inherit descriptors of other tests' pipes (a `Command.run` elsewhere would then wait
/// for our daemon to exit before it sees the end of its output), nor the test runner's signal mask
/// or ignored signals.
public final class DaemonProcess: @unchecked Sendable {
    public let processID: pid_t
    /// Where its standard output and standard error go.
    public let logPath: String
    private let lock = NSLock()
    private var ended: ProcessTermination?

    /// Starts `executable`; `environment` is the child's whole environment.
    public init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw SocketError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        processID = pid
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+): every descriptor from 3 up is closed in
    /// the child. Looked up at run time, as the Glibc module does not export it.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    deinit {
        if termination == nil {
            Glibc.kill(processID, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(processID, &status, 0)
        }
    }

    /// How it ended, or nil while it runs (reaps it once it has ended).
    public var termination: ProcessTermination? {
        lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            guard waitpid(processID, &status, WNOHANG) == processID else { return nil }
            ended = ProcessTermination(waitStatus: status)
            return ended
        }
    }

    public var isRunning: Bool { termination == nil }

    public func send(_ signal: Int32) {
        if isRunning { Glibc.kill(processID, signal) }
    }

    /// Waits until it ends, polling; nil if it still runs after `timeout`.
    public func waitForExit(timeout: Duration) async -> ProcessTermination? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let termination { return termination }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return termination
    }

    /// SIGKILL and reap: a crash, or the end of a test whatever happened.
    @discardableResult
    public func kill() -> ProcessTermination {
        if let termination { return termination }
        Glibc.kill(processID, SIGKILL)
        return lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
            let termination = ProcessTermination(waitStatus: status)
            ended = termination
            return termination
        }
    }

    /// What it wrote so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
