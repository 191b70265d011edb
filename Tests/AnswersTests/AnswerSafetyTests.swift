import Answers
import Foundation
import SafeXML
import Testing
import TestSupport

/// Answers come from outside: hostile or broken ones are refused quickly, with a clear reason.
@Suite struct AnswerSafetyTests {
    let parser = AnswerParser()

    private func kind(of text: String) -> XMLError.Kind? {
        do {
            _ = try parser.parse(Array(text.utf8), documentName: "hostile.xml")
            return nil
        } catch {
            guard case .refusedXML(let xmlError) = error else { return nil }
            return xmlError.kind
        }
    }

    @Test func refusesADoctypeBeforeExpandingAnything() {
        let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE ACRF [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <ACRF><Form><ReceptionResult><ResultCode>&lol9;</ResultCode></ReceptionResult></Form></ACRF>
        """
        #expect(kind(of: billionLaughs) == .doctypeRefused)
        let external = """
        <?xml version="1.0"?>
        <!DOCTYPE ACRF [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <ACRF><Form><FileReference><FileName>&e;</FileName></FileReference></Form></ACRF>
        """
        #expect(kind(of: external) == .doctypeRefused)
    }

    @Test func refusesAnUndeclaredEntity() {
        #expect(kind(of: "<ACRF><Form><ReceptionResult><ResultCode>&one;</ResultCode></ReceptionResult></Form></ACRF>")
                == .entityRefused)
    }

    @Test func refusesMalformedAndTruncatedAnswers() {
        #expect(kind(of: "<ACRF><Form><ReceptionResult><ResultCode>1</ResultCode></ReceptionResult></Form>") == .malformed)
        #expect(kind(of: "<ACRF><Form></ACRF>") == .malformed)
        #expect(kind(of: "") == .malformed)
        #expect(kind(of: "PK\u{3}\u{4} this is a zip, not XML") == .malformed)
    }

    @Test func refusesAnAnswerNestedTooDeep() {
        let deep = "<ACRF>" + String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40) + "</ACRF>"
        #expect(kind(of: deep) == .tooDeep)
    }

    @Test func refusesAHugeTextInsideAnAnswer() {
        let value = String(repeating: "9", count: 200_000)
        let xml = TestDocuments.notification(ticket: "T1", result: 1, anomalies: [.init(tagName: "X", value: value)])
        #expect(kind(of: xml) == .tooLarge)
    }

    @Test func refusesAHugeFileWithoutReadingIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("FO.NOTI.999999.20261123.00001.T.1.1").path
        // Sparse: 1 GiB on paper, nothing on disk. Refused from its size, before a byte is parsed.
        #expect(FileManager.default.createFile(atPath: path, contents: Data("<NOTIFICATION>".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let started = Date()
        let error = #expect(throws: AnswerError.self) { try parser.parse(fileAt: path) }
        guard case .refusedXML(let xmlError) = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(xmlError.kind == .tooLarge)
        #expect(xmlError.document == path)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func refusesWhatIsNotARegularFile() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: AnswerError.self) { try parser.parse(fileAt: directory.path) }
        guard case .refusedXML(let xmlError) = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(xmlError.kind == .unreadable)
        let missing = #expect(throws: AnswerError.self) { try parser.parse(fileAt: directory.path + "/gone") }
        #expect(missing?.description.contains("gone") == true)
    }
}
