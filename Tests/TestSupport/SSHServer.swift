import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server (`/usr/sbin/sshd -D -e`) on 127.0.0.1 for transport tests.
///
/// Everything lives in a temporary folder: its own host key(s), `authorized_keys`, config,
/// pid file and log, and `root/` with the platform's folders (`IN`, `OUT`, `INTEST`, `OUTTEST`).
/// The account is SFTP-only (`ForceCommand internal-sftp -d root`): relative paths such as
/// `IN/FI.x` land in `root/IN`. (`ChrootDirectory` is not used: every parent of a chroot must
/// be root-owned and not world-writable, which the system temporary folder is not.)
public final class SSHServer: @unchecked Sendable {
    public struct Options: Sendable {
        /// `ssh-keygen -t` types of the host keys, e.g. `["ed25519"]` or `["ecdsa", "ed25519"]`.
        public var hostKeyTypes: [String]
        /// `PubkeyAcceptedAlgorithms` value; nil keeps OpenSSH's default (9.2: no `ssh-rsa`).
        public var pubkeyAcceptedAlgorithms: String?
        /// Addresses to listen on besides 127.0.0.1 (same port), e.g. `::1`.
        public var listenAddresses: [String]
        /// More `sshd_config` lines.
        public var extraConfiguration: [String]
        /// SFTP requests the server answers with "permission denied" (`internal-sftp -P`, e.g. `open`):
        /// an account without the right to write. The tests run as root, whom file modes do not stop.
        public var deniedSFTPRequests: [String]

        public init(hostKeyTypes: [String] = ["ed25519"], pubkeyAcceptedAlgorithms: String? = nil,
                    listenAddresses: [String] = [], extraConfiguration: [String] = [],
                    deniedSFTPRequests: [String] = []) {
            self.hostKeyTypes = hostKeyTypes
            self.pubkeyAcceptedAlgorithms = pubkeyAcceptedAlgorithms
            self.listenAddresses = listenAddresses
            self.extraConfiguration = extraConfiguration
            self.deniedSFTPRequests = deniedSFTPRequests
        }
    }

    /// A client key pair made with `ssh-keygen`.
    public struct ClientKey: Sendable {
        public let type: String
        public let privateKeyPath: String
        public let publicKeyPath: String
        public let passphrase: String?
        /// The passphrase in a file with a trailing newline, as an operator would write it.
        public let passphraseFile: String?
    }

    /// The timing of a batch of uploads done by OpenSSH's `sftp -b` in one session.
    public struct BatchTiming: Sendable {
        public let uploads: Int
        /// Wall time of the uploads, the session set-up (measured separately) subtracted.
        public let seconds: Double
        public var uploadsPerSecond: Double { Double(uploads) / seconds }
    }

    /// The IPv4 loopback address, always listened on (readiness is probed there).
    public let host = "127.0.0.1"
    public let port: Int
    public let user: String
    public let folder: TemporaryDirectory
    /// Where the SFTP account starts; holds IN, OUT, INTEST, OUTTEST.
    public let root: URL
    public let authorizedKeysFile: URL
    /// `SHA256:...` of each host key, in `hostKeyTypes` order.
    public let hostKeyFingerprints: [String]
    /// `type base64` of each host public key.
    public let hostPublicKeys: [String]

    private let options: Options
    private let configFile: URL
    private let logFile: URL
    private let lock = NSLock()
    private var pid: pid_t?

    /// Generates keys, writes the config and starts sshd on a free port.
    public init(options: Options = Options()) throws {
        self.options = options
        folder = try TemporaryDirectory("sshd")
        root = folder.url.appendingPathComponent("root", isDirectory: true)
        for sub in ["IN", "OUT", "INTEST", "OUTTEST"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        authorizedKeysFile = folder.file("authorized_keys")
        try Data().write(to: authorizedKeysFile)
        configFile = folder.file("sshd_config")
        logFile = folder.file("sshd.log")
        user = Self.currentUserName()
        port = try FreePort.allocate()

        var hostKeyPaths: [String] = []
        var fingerprints: [String] = []
        var publics: [String] = []
        for type in options.hostKeyTypes {
            let path = folder.file("ssh_host_\(type)_key").path
            try Command.check("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "test-host", "-f", path])
            hostKeyPaths.append(path)
            fingerprints.append(try Self.fingerprint(ofPublicKey: path + ".pub"))
            let fields = try String(contentsOfFile: path + ".pub", encoding: .utf8).split(separator: " ")
            publics.append(fields.prefix(2).joined(separator: " "))
        }
        hostKeyFingerprints = fingerprints
        hostPublicKeys = publics
        try configuration(hostKeys: hostKeyPaths).write(to: configFile, atomically: true, encoding: .utf8)
        try start()
    }

    deinit { stop() }

    // MARK: - Lifecycle

    /// Starts sshd (again) on the same port and waits until it accepts connections.
    ///
    /// Spawned with `posix_spawn`, not Foundation's `Process`: sshd closes inherited descriptors,
    /// which `Process` takes for the child's exit, and its monitor thread then blocks in `waitpid`
    /// until sshd really ends, stalling every other `Process` of the test run.
    public func start() throws {
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        guard let sshd = Command.locate("/usr/sbin/sshd") ?? Command.locate("sshd") else {
            throw CommandError.notFound("sshd")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = [sshd, "-D", "-e", "-f", configFile.path]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Debian's sshd tells systemd it is ready when NOTIFY_SOCKET is set: a notify test's socket,
        // advertised process-wide, must not receive it.
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "NOTIFY_SOCKET" }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, sshd, &actions, nil, argv, envp)
        guard status == 0 else { throw SSHServerError("cannot start sshd: \(String(cString: strerror(status)))") }
        lock.withLock { self.pid = pid }

        let deadline = Date().addingTimeInterval(10)
        while !FreePort.isAccepting(port) {
            guard isRunning else { throw SSHServerError("sshd exited at start:\n\(self.log)") }
            guard Date() < deadline else {
                kill()
                throw SSHServerError("sshd did not accept connections on port \(port) within 10 s:\n\(self.log)")
            }
            usleep(20_000)
        }
    }

    /// SIGTERM to the listener and every session process, then waits for them.
    public func stop() { terminate(signal: SIGTERM) }

    /// SIGKILL to the listener and every session process: the server vanishes mid-transfer.
    public func kill() { terminate(signal: SIGKILL) }

    public func restart() throws {
        stop()
        try start()
    }

    /// Whether the sshd listener is alive (reaps it if it has exited).
    public var isRunning: Bool {
        lock.withLock {
            guard let pid else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == 0 { return true }
            self.pid = nil
            return false
        }
    }

    /// What sshd logged so far (VERBOSE level).
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    private func terminate(signal: Int32) {
        guard let pid = lock.withLock({ () -> pid_t? in
            defer { self.pid = nil }
            return self.pid
        }) else { return }
        // Per-connection sshd processes outlive their listener: signal them too, by pid, deepest
        // first, each level given a moment to be reaped by its (still living) parent so no
        // orphaned zombie is left behind.
        let levels = Self.descendantLevels(of: pid)
        for level in levels.reversed() {
            for member in level { Glibc.kill(member, signal) }
            let deadline = Date().addingTimeInterval(1)
            while level.contains(where: { Self.exists($0) }) && Date() < deadline { usleep(5_000) }
        }
        Glibc.kill(pid, signal)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                Glibc.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        // Whatever ignored the signal goes now.
        for member in levels.joined() where Self.exists(member) { Glibc.kill(member, SIGKILL) }
    }

    private static func exists(_ pid: pid_t) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    // MARK: - Keys and trust files

    /// Adds a public key (file content) to `authorized_keys`.
    public func authorize(publicKeyFile path: String) throws {
        let line = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let handle = try FileHandle(forWritingTo: authorizedKeysFile)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
    }

    /// Generates a client key (`ed25519`, `ecdsa`, `rsa`; optional passphrase and key format
    /// such as `PEM`), authorized on this server unless `authorize` is false.
    public func makeClientKey(type: String, bits: Int? = nil, passphrase: String? = nil, format: String? = nil,
                              authorize: Bool = true) throws -> ClientKey {
        let path = folder.file("client_\(type)_\(UUID().uuidString.prefix(6))").path
        var arguments = ["-q", "-t", type, "-N", passphrase ?? "", "-C", "test-client", "-f", path]
        if let bits { arguments += ["-b", String(bits)] }
        if let format { arguments += ["-m", format] }
        try Command.check("ssh-keygen", arguments)
        var passphraseFile: String?
        if let passphrase {
            passphraseFile = try folder.writeSecret((path as NSString).lastPathComponent + ".passphrase",
                                                    passphrase + "\n").path
        }
        if authorize { try self.authorize(publicKeyFile: path + ".pub") }
        return ClientKey(type: type, privateKeyPath: path, publicKeyPath: path + ".pub",
                         passphrase: passphrase, passphraseFile: passphraseFile)
    }

    /// A known_hosts file listing this server's host keys under `[127.0.0.1]:port`, hashed
    /// with `ssh-keygen -H` if asked. `extraLines` go first (e.g. other hosts).
    public func writeKnownHosts(named name: String = "known_hosts", hashed: Bool = false,
                                extraLines: [String] = []) throws -> String {
        let path = folder.file(name).path
        let lines = extraLines + hostPublicKeys.map { "[\(host)]:\(port) \($0)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        if hashed {
            try Command.check("ssh-keygen", ["-q", "-H", "-f", path])
            try? FileManager.default.removeItem(atPath: path + ".old")
        }
        return path
    }

    /// `SHA256:...` of a public key file, from `ssh-keygen -l`.
    public static func fingerprint(ofPublicKey path: String) throws -> String {
        let output = try Command.check("ssh-keygen", ["-l", "-E", "sha256", "-f", path]).stdout
        let fields = output.split(separator: " ")
        guard fields.count >= 2, fields[1].hasPrefix("SHA256:") else {
            throw SSHServerError("unexpected ssh-keygen -l output: \(output)")
        }
        return String(fields[1])
    }

    /// A file in the SFTP root, e.g. `file("IN/FI.x")`.
    public func file(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    // MARK: - OpenSSH comparison

    /// Times OpenSSH's `sftp -b` doing, in one session, `count` times: put `payload` under a
    /// temporary name, rename it, put an empty GO file (`put -f` asks for fsync, like the
    /// daemon). The session set-up is timed with an empty batch and subtracted.
    public func openSSHBatchUploads(count: Int, payload: URL, key: ClientKey, directory: String = "IN",
                                    fsync: Bool = true) throws -> BatchTiming {
        let work = try TemporaryDirectory("sftp-batch")
        let empty = try work.write("empty", "")
        let knownHosts = try writeKnownHosts(named: "known_hosts_openssh_\(UUID().uuidString.prefix(6))")
        let put = fsync ? "put -f" : "put"
        var lines: [String] = []
        for index in 0..<count {
            let suffix = String(format: "%05d", index)
            lines.append("\(put) \(payload.path) \(directory)/ossh-tmp-\(suffix)")
            lines.append("rename \(directory)/ossh-tmp-\(suffix) \(directory)/FI.OSSH.\(suffix)")
            lines.append("\(put) \(empty.path) \(directory)/GO.OSSH.\(suffix)")
        }
        let batch = try work.write("batch", lines.joined(separator: "\n") + "\n")
        let idle = try work.write("idle", "pwd\n")
        let arguments = ["-q", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                         "-o", "UserKnownHostsFile=\(knownHosts)", "-i", key.privateKeyPath, "-P", String(port)]
        let setUp = try timed { try Command.check("sftp", arguments + ["-b", idle.path, "\(user)@\(host)"]) }
        let total = try timed { try Command.check("sftp", arguments + ["-b", batch.path, "\(user)@\(host)"]) }
        return BatchTiming(uploads: count, seconds: max(total - setUp, 1e-6))
    }

    private func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    // MARK: - Helpers

    private func configuration(hostKeys: [String]) -> String {
        var lines = [
            "Port \(port)",
            "PidFile \(folder.file("sshd.pid").path)",
            "AuthorizedKeysFile \(authorizedKeysFile.path)",
            "StrictModes no",
            "UsePAM no",
            "PermitRootLogin yes",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UseDNS no",
            "PrintMotd no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "LogLevel VERBOSE",
            "MaxStartups 50:30:100",
            "Subsystem sftp internal-sftp",
            "ForceCommand internal-sftp -d \(root.path)"
                + (options.deniedSFTPRequests.isEmpty ? "" : " -P \(options.deniedSFTPRequests.joined(separator: ","))"),
        ]
        lines += ([host] + options.listenAddresses.filter { $0 != host }).map { "ListenAddress \($0)" }
        lines += hostKeys.map { "HostKey \($0)" }
        if let algorithms = options.pubkeyAcceptedAlgorithms { lines.append("PubkeyAcceptedAlgorithms \(algorithms)") }
        lines += options.extraConfiguration
        return lines.joined(separator: "\n") + "\n"
    }

    private static func currentUserName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "root"
    }

    /// The processes below `pid` from /proc: children, then grandchildren, ...
    private static func descendantLevels(of pid: pid_t) -> [[pid_t]] {
        var parents: [pid_t: pid_t] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // Fields after the command name: state, then the parent pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[child] = parent }
        }
        var levels: [[pid_t]] = []
        var current = [pid]
        while true {
            let next = parents.filter { current.contains($0.value) }.map(\.key)
            if next.isEmpty { return levels }
            levels.append(next)
            current = next
        }
    }
}

public struct SSHServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
