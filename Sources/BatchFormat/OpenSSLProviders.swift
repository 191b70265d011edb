import COpenSSL

/// Loads OpenSSL's "legacy" provider, only when a legacy PKCS#12 needs it.
///
/// Explicitly loading any provider stops OpenSSL from loading "default" implicitly, so "default"
/// is loaded first. Providers stay loaded for the life of the process: unloading them while another
/// thread uses an algorithm they provide would be unsafe.
enum OpenSSLProviders {
    /// Swift runs a global's initializer once, thread-safely: concurrent first callers wait for it.
    private static let legacyLoad: Result<Void, OpenSSLError> = {
        ERR_clear_error()
        guard OSSL_PROVIDER_load(nil, "default") != nil else {
            return .failure(OpenSSLError.drain("loading OpenSSL provider \"default\""))
        }
        guard OSSL_PROVIDER_load(nil, "legacy") != nil else {
            return .failure(OpenSSLError.drain("loading OpenSSL provider \"legacy\""))
        }
        return .success(())
    }()

    static func loadLegacy() throws(OpenSSLError) {
        try legacyLoad.get()
    }

    static var isLegacyAvailable: Bool { OSSL_PROVIDER_available(nil, "legacy") == 1 }
}
