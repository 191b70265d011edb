import Foundation
import FLAFlow
import Testing
import TestSupport

@Suite struct XMLExportKindTests {
    @Test func tellsCSVCanonicalXMLAndFormedFIApart() throws {
        let directory = try TemporaryDirectory()
        #expect(try ExportKind.detect(path: XMLFixtures.path("export-good.csv")) == .csv)
        #expect(try ExportKind.detect(path: XMLFixtures.path("export-good.xml")) == .canonicalXML)
        #expect(try ExportKind.detect(path: XMLFixtures.path("fi-formed-good.xml")) == .formedFI)
        let bomCSV = try directory.write("bom.csv", bytes: .init([0xEF, 0xBB, 0xBF] + Array("niss;days\n".utf8)))
        #expect(try ExportKind.detect(path: bomCSV.path) == .csv)
        let bomXML = try directory.write("bom.xml", bytes: .init([0xEF, 0xBB, 0xBF] + Array("\n  <fla_export/>".utf8)))
        #expect(try ExportKind.detect(path: bomXML.path) == .canonicalXML)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><FLAOriginal/>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(try ExportKind.detect(path: directory.write("utf16.xml", bytes: .init(utf16)).path) == .formedFI)
        let empty = try directory.write("empty.csv", "")
        #expect(try ExportKind.detect(path: empty.path) == .csv)
    }

    /// A UTF-16 file is XML only if it starts with `<`: a UTF-16 CSV goes to the CSV reader, which says
    /// what it is (libxml2 would call it an empty document). UTF-32, which libxml2 does not read, too.
    @Test func wideTextIsXMLOnlyWhenItStartsWithAnElement() throws {
        let directory = try TemporaryDirectory()
        func kind(_ text: String, _ encoding: String.Encoding, mark: [UInt8]) throws -> ExportKind {
            let bytes = mark + Array(try #require(text.data(using: encoding)))
            return try ExportKind.detect(path: directory.write("wide", bytes: .init(bytes)).path)
        }
        let csv = "niss;employer_bce;year\r\n85073003328;0403170701;2026\r\n"
        #expect(try kind(csv, .utf16LittleEndian, mark: [0xFF, 0xFE]) == .csv)
        #expect(try kind(csv, .utf16BigEndian, mark: [0xFE, 0xFF]) == .csv)
        #expect(try kind(" \n<fla_export/>", .utf16BigEndian, mark: [0xFE, 0xFF]) == .canonicalXML)
        #expect(try kind("<fla_export/>", .utf32LittleEndian, mark: [0xFF, 0xFE, 0x00, 0x00]) == .csv)
    }

    @Test func refusesUnknownRootsAndHostileXML() throws {
        #expect {
            try ExportKind.detect(path: XMLFixtures.path("export-wrong-root.xml"), displayName: "w.xml")
        } throws: { error in
            (error as? RecordProblem)?.description
                == "w.xml:2: the XML root element is <export>: expected <fla_export> (canonical export) or <FLAOriginal> (a formed FI)"
        }
        #expect {
            try ExportKind.detect(path: XMLFixtures.path("export-xxe.xml"), displayName: "x.xml")
        } throws: { error in
            (error as? RecordProblem)?.reason.hasPrefix("DOCTYPE declarations are not accepted") == true
        }
        #expect(throws: RecordProblem.self) { try ExportKind.detect(path: "/nonexistent/export.csv") }
    }
}
