import COpenSSL

/// Checks a detached CMS signature over a file, as the platform does with an FS.
/// Used by the platform simulator and by tests; the daemon itself only signs.
public enum CMSVerifier {
    /// Verifies `signature` (DER) over the file's bytes against the CA certificates in the PEM file
    /// `trustedCertificates`, and returns the signer's subject. Key usage purposes are not enforced:
    /// qualified signing certificates carry various extended key usages.
    @discardableResult
    public static func verifyDetached(signature: [UInt8], contentAt path: String,
                                      trustedCertificates caPath: String) throws(SigningError) -> String {
        ERR_clear_error()
        guard let store = X509_STORE_new() else { throw .openSSL(.drain("creating certificate store")) }
        defer { X509_STORE_free(store) }
        guard X509_STORE_load_file(store, caPath) == 1 else {
            throw .cannotRead(path: caPath, .drain("loading trusted certificates \(caPath)"))
        }
        X509_STORE_set_purpose(store, X509_PURPOSE_ANY)
        let cms: OpaquePointer? = signature.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return d2i_CMS_bio(bio, nil)
        }
        guard let cms else { throw .signatureInvalid(contentPath: path, .drain("decoding CMS signature")) }
        defer { CMS_ContentInfo_free(cms) }
        guard let content = BIO_new_file(path, "rb") else {
            throw .cannotRead(path: path, .drain("opening \(path)"))
        }
        defer { BIO_free(content) }
        guard CMS_verify(cms, nil, store, content, nil, UInt32(CMS_BINARY)) == 1 else {
            throw .signatureInvalid(contentPath: path, .drain("verifying signature"))
        }
        let signers = OpenSSLSupport.takeAll(fromStack: CMS_get0_signers(cms))
        // get0: the certificates belong to the CMS structure; only the stack was ours.
        return signers.first.map { OpenSSLSupport.text(of: X509_get_subject_name($0)) } ?? ""
    }
}
