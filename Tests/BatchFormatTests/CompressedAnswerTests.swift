import Foundation
import Testing
import TestSupport
@testable import BatchFormat

/// A `CO` answer is recognised by its content, unpacked under a limit, and refused in words when damaged.
@Suite struct CompressedAnswerTests {
    let answer = Array("<ACRF><Form><ReceptionResult><ResultCode>1</ResultCode></ReceptionResult></Form></ACRF>\n".utf8)

    /// Packed by the real `gzip` and Python's `zipfile` (deflated), as another program would.
    private func packed(_ format: String) throws -> [UInt8] {
        let directory = try TemporaryDirectory("co")
        let plain = try directory.write("answer.xml", bytes: Data(answer))
        let target = directory.file("packed").path
        switch format {
        case "gzip":
            let result = try Command.run("sh", ["-c", "gzip -c '\(plain.path)' > '\(target)'"])
            #expect(result.succeeded, "\(result.stderr)")
        default:
            let script = "import zipfile,sys; z=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[1],'FO.ACRF.xml'); z.writestr('second.xml','x'); z.close()"
            let result = try Command.run("python3", ["-c", script, plain.path, target])
            #expect(result.succeeded, "\(result.stderr)")
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: target)))
    }

    @Test(arguments: ["gzip", "zip"])
    func unpacksWhatItRecognises(format: String) throws {
        let bytes = try packed(format)
        let recognised = CompressedAnswer.format(of: bytes)
        #expect(recognised.rawValue == format)
        let (content, files) = try CompressedAnswer.unpack(bytes, format: recognised, maxBytes: 1 << 20)
        #expect(content == answer)
        #expect(files == (format == "zip" ? 2 : 1))
    }

    @Test func refusesWhatItCannotReadOrWhatGrowsTooLarge() throws {
        #expect(CompressedAnswer.format(of: answer) == .unknown)
        let gzip = try packed("gzip")
        #expect(throws: CompressedAnswer.Failure.self) { try CompressedAnswer.unpack(gzip, format: .gzip, maxBytes: 10) }
        let cut = Array(gzip.prefix(gzip.count / 2))
        #expect(throws: CompressedAnswer.Failure.self) { try CompressedAnswer.unpack(cut, format: .gzip, maxBytes: 1 << 20) }
        let zip = try packed("zip")
        #expect(throws: CompressedAnswer.Failure.self) { try CompressedAnswer.unpack(Array(zip.prefix(40)), format: .zip, maxBytes: 1 << 20) }
    }
}
