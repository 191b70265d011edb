import CLibSSH2
import Foundation

/// Looks a server key up in an OpenSSH `known_hosts` file through libssh2's knownhost API
/// (plain and hashed `|1|` entries, `[host]:port` form).
///
/// The file is fed to libssh2 line by line instead of with `libssh2_knownhost_readfile`, which
/// stops at the first line it cannot parse (e.g. an `sk-ssh-ed25519` key) and would silently
/// ignore every entry after it. `@revoked` lines, which libssh2 does not know, are honoured here.
struct KnownHostsFile {
    enum Verdict: Equatable {
        case match
        case mismatch
        case notFound
        case revoked
    }

    let path: String

    func check(_ key: ServerHostKey, endpoint: SSHEndpoint, session: OpaquePointer) throws -> Verdict {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TransportError.knownHostsUnreadable(path: path, detail: error.localizedDescription)
        }
        guard let hosts = libssh2_knownhost_init(session) else {
            throw TransportError.knownHostsUnreadable(path: path, detail: "libssh2 could not allocate a known-hosts collection")
        }
        defer { libssh2_knownhost_free(hosts) }

        let keyBase64 = Data(key.blob).base64EncodedString()
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("@") {
                // `@revoked host keytype key`: refuse that key whatever host it names (fail closed).
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if fields.first == "@revoked", fields.count >= 4, fields[3] == keyBase64 { return .revoked }
                continue  // @cert-authority: certificates are not used on this channel
            }
            // A line libssh2 cannot parse (unsupported key type) is skipped, not fatal.
            _ = line.withCString { libssh2_knownhost_readline(hosts, $0, strlen($0), LIBSSH2_KNOWNHOST_FILE_OPENSSH) }
        }

        let typeMask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | key.knownHostKeyBit
        let result = key.blob.withUnsafeBufferPointer { blob in
            blob.withMemoryRebound(to: CChar.self) { chars in
                libssh2_knownhost_checkp(hosts, endpoint.host, Int32(endpoint.port), chars.baseAddress, chars.count,
                                         typeMask, nil)
            }
        }
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH: return .match
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH: return .mismatch
        case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND: return .notFound
        default:
            throw TransportError.knownHostsUnreadable(path: path, detail: "libssh2 could not check the host key (code \(result))")
        }
    }
}
