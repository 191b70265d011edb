import Foundation
import Testing
import TestSupport
@testable import BatchFormat

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileHashMatchesSha256sum() throws {
        let dir = try TemporaryDirectory("batchformat-sha")
        // Larger than the read buffer, not a multiple of it.
        let bytes = (0..<(300 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let file = try dir.write("data", bytes: Data(bytes))
        let reference = try Command.check("sha256sum", [file.path]).stdout.prefix(64)
        #expect(try SHA256.hex(ofFileAt: file.path) == String(reference))
        #expect(SHA256.hex(of: bytes) == String(reference))
    }

    @Test func incrementalEqualsOneShotAndResets() {
        let hash = SHA256()
        hash.update(Array("ab".utf8))
        hash.update(Array("c".utf8))
        #expect(SHA256.hexText(hash.finish()) == SHA256.hex(of: Array("abc".utf8)))
        #expect(SHA256.hexText(hash.finish()) == SHA256.hex(of: []))
    }

    @Test func missingFileIsNamed() {
        #expect(throws: FileSystemError(.open, path: "/nonexistent/x", code: ENOENT)) {
            try SHA256.hex(ofFileAt: "/nonexistent/x")
        }
    }
}
