import Foundation
import TestSupport

/// One test PKI per key type (and one with an intermediate CA), made once per test run:
/// RSA key generation is the slow part, and every signing test can share the result.
enum SharedPKI {
    private static let rsa = Result { try Holder(.rsa, withIntermediate: false) }
    private static let ec = Result { try Holder(.ec, withIntermediate: false) }
    private static let rsaWithIntermediate = Result { try Holder(.rsa, withIntermediate: true) }

    static func get(_ keyType: TestKeyType, withIntermediate: Bool = false) throws -> TestPKI {
        switch (keyType, withIntermediate) {
        case (.rsa, false): return try rsa.get().pki
        case (.ec, false): return try ec.get().pki
        case (.rsa, true), (.ec, true): return try rsaWithIntermediate.get().pki
        }
    }

    /// Keeps the directory alive for the whole run.
    private final class Holder: Sendable {
        let directory: TemporaryDirectory
        let pki: TestPKI
        init(_ keyType: TestKeyType, withIntermediate: Bool) throws {
            directory = try TemporaryDirectory("batchformat-pki")
            pki = try TestPKI.make(in: directory.path, keyType: keyType, withIntermediate: withIntermediate)
        }
    }
}

/// An FI-like document with every byte that a text-mode signature would mangle: CRLF, lone LF, lone CR, NUL.
func sampleFI(extraBytes: Int = 0) -> [UInt8] {
    var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<FLA>\n  <Worker>Élodie</Worker>\r</FLA>\n".utf8)
    bytes += [0, 0xFF, 0x0D, 0x0A, 0x0A]
    bytes += (0..<extraBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    return bytes
}
