import COpenSSL
import Glibc

/// SHA-256 through OpenSSL, fed incrementally or over a whole file (streamed, never loaded whole).
/// Used for source-file hashes and transfer checks. One instance belongs to one thread at a time.
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        // Allocation failure here means the process is out of memory; there is nothing sensible to return.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL cannot start a SHA-256 digest: \(OpenSSLError.drain("EVP_DigestInit_ex"))")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest; the instance is reset for reuse afterwards.
    public func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        return Array(digest.prefix(Int(length)))
    }

    /// Lower-case hex of the digest of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        let hash = SHA256()
        hash.update(bytes)
        return hexText(hash.finish())
    }

    /// Lower-case hex of the digest of the file's bytes.
    public static func hex(ofFileAt path: String) throws(FileSystemError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(.open, path: path) }
        defer { close(descriptor) }
        let hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 128 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(.read, path: path)
            }
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return hexText(hash.finish())
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
