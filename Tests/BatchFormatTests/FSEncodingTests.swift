import Foundation
import Testing
import TestSupport
@testable import BatchFormat

@Suite struct FSEncodingTests {
    @Test(arguments: [0, 1, 2, 3, 56, 57, 58, 114, 1000, 4099])
    func linesOf76WithCRLFAndTheSameBase64AsOpenSSL(_ length: Int) throws {
        let der = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
        let encoded = FSEncoding.encode(der: der)
        let text = String(decoding: encoded, as: UTF8.self)
        if length == 0 {
            #expect(encoded.isEmpty)
            return
        }
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect((1...76).contains(lines.last?.count ?? 0))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // Independent reference: the openssl CLI's base64 of the same bytes.
        let reference = try Command.check("openssl", ["base64", "-A"], input: Data(der)).stdout
        #expect(lines.joined() == reference.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(FSEncoding.decode(encoded) == der)
    }

    @Test func decodeAcceptsOneLineOrLFAndRefusesGarbage() {
        let der: [UInt8] = Array("signature bytes, any length.".utf8)
        let oneLine = Array(der.base64Text.utf8)
        #expect(FSEncoding.decode(oneLine) == der)
        #expect(FSEncoding.decode(oneLine + [0x0A]) == der)
        #expect(FSEncoding.decode(Array("QUJD\nREVG\n".utf8)) == Array("ABCDEF".utf8))
        #expect(FSEncoding.decode(Array("QUJD*EVG".utf8)) == nil)
        #expect(FSEncoding.decode(Array("QUJ=D".utf8)) == nil)
        #expect(FSEncoding.decode(Array("QUJDR".utf8)) == nil)
        #expect(FSEncoding.decode(Array("QQ===".utf8)) == nil)
    }
}
