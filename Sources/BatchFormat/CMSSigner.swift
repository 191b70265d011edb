import COpenSSL

/// Makes the FS signature: a detached CMS SignedData over the exact FI bytes, digest SHA-256.
///
/// The file is streamed through a BIO (OpenSSL reads it in small blocks), so an FI of any size is
/// signed without being held in memory. Safe to use from several threads: see `SigningIdentity`.
public struct CMSSigner: Sendable {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) {
        self.identity = identity
    }

    /// The DER-encoded signature of the file's bytes, taken as binary (no line-ending conversion).
    public func signDetached(fileAt path: String) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        guard let content = BIO_new_file(path, "rb") else {
            throw .cannotRead(path: path, .drain("opening \(path)"))
        }
        defer { BIO_free(content) }
        return try sign(content: content, describing: path)
    }

    /// The DER-encoded signature of bytes in memory (small documents, tests).
    public func signDetached(bytes: [UInt8]) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        let content = bytes.withUnsafeBytes { BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }
        guard let content else { throw .openSSL(.drain("buffering content")) }
        defer { BIO_free(content) }
        // BIO_new_mem_buf does not copy: keep the array alive until signing is done.
        return try withExtendedLifetime(bytes) { () throws(SigningError) -> [UInt8] in
            try sign(content: content, describing: "content in memory")
        }
    }

    private func sign(content: OpaquePointer, describing source: String) throws(SigningError) -> [UInt8] {
        // CMS_PARTIAL leaves the structure open so we can add the signer with an explicit SHA-256
        // digest (CMS_sign's own signer would use the key's default digest).
        let flags = UInt32(CMS_DETACHED | CMS_BINARY | CMS_PARTIAL)
        guard let chain = OpenSSLSupport.borrowedStack(identity.chain) else {
            throw .openSSL(.drain("preparing certificate chain"))
        }
        defer { OPENSSL_sk_free(chain) }
        guard let cms = CMS_sign(nil, nil, chain, nil, flags) else {
            throw .openSSL(.drain("creating CMS SignedData"))
        }
        defer { CMS_ContentInfo_free(cms) }
        guard CMS_add1_signer(cms, identity.certificate, identity.privateKey, EVP_sha256(), flags) != nil else {
            throw .openSSL(.drain("adding SHA-256 signer \(identity.subject)"))
        }
        guard CMS_final(cms, content, nil, flags) == 1 else {
            throw .openSSL(.drain("signing \(source)"))
        }
        let length = i2d_CMS_ContentInfo(cms, nil)
        guard length > 0 else { throw .openSSL(.drain("encoding signature of \(source)")) }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_CMS_ContentInfo(cms, &cursor)
        }
        guard written == length else { throw .openSSL(.drain("encoding signature of \(source)")) }
        return der
    }
}
