import COpenSSL
import Foundation

/// Small internal helpers over OpenSSL's C API.
enum OpenSSLSupport {
    /// Everything written so far to a memory BIO.
    static func contents(ofMemoryBIO bio: OpaquePointer) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = BIO_read(bio, &chunk, Int32(chunk.count))
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        return out
    }

    /// An X509_NAME in RFC 2253 form (`CN=...,O=...,C=BE`), UTF-8 kept as is.
    static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, fla_name_flags_rfc2253_utf8) >= 0 else { return "" }
        return String(decoding: contents(ofMemoryBIO: bio), as: UTF8.self)
    }

    static func date(of time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    static func serialHex(of certificate: OpaquePointer) -> String {
        guard let serial = X509_get0_serialNumber(certificate),
              let number = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { CRYPTO_free(hex, #fileID, #line) }
        return String(cString: hex)
    }

    /// A new STACK_OF(X509) holding `certificates` without taking ownership: free it with `OPENSSL_sk_free`.
    static func borrowedStack(_ certificates: [OpaquePointer]) -> OpaquePointer? {
        guard let stack = OPENSSL_sk_new_null() else { return nil }
        for certificate in certificates where OPENSSL_sk_push(stack, UnsafeRawPointer(certificate)) <= 0 {
            OPENSSL_sk_free(stack)
            return nil
        }
        return stack
    }

    /// Takes every X509 out of a STACK_OF(X509) and frees the stack.
    static func takeAll(fromStack stack: OpaquePointer?) -> [OpaquePointer] {
        guard let stack else { return [] }
        var certificates: [OpaquePointer] = []
        while OPENSSL_sk_num(stack) > 0, let raw = OPENSSL_sk_shift(stack) {
            certificates.append(OpaquePointer(raw))
        }
        OPENSSL_sk_free(stack)
        return certificates
    }
}
