#if canImport(Glibc)
import Glibc
#endif

/// A file holding a secret (a private key, a passphrase) must be readable by its owner alone, as
/// OpenSSH requires of its keys: one that group or others may read is refused, with the command
/// that fixes it. Every loader of such a file asks here before it reads.
public enum SecretFile {
    /// Nil when only the owner may read `path` (or it cannot be examined: the reader then says why),
    /// else what is wrong and the fix, e.g. `readable by group or others (mode 0644); run: chmod 600 /etc/x/id`.
    public static func exposure(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o7777
        guard mode & 0o044 != 0 else { return nil }
        let fixed = String(max(mode & 0o700, 0o400), radix: 8)
        return "readable by group or others (mode 0\(String(mode, radix: 8))); run: chmod \(fixed) \(path)"
    }
}
