import SafeXML
import Testing
import TestSupport

@Suite struct XMLStreamReaderTests {
    private func events(_ xml: String) throws -> [XMLEvent] {
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), documentName: "doc.xml")
        var all: [XMLEvent] = []
        while let event = try reader.next() { all.append(event) }
        return all
    }

    @Test func reportsElementsTextAndAttributesInOrderWithLines() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <root version="1">
          <a x="1" y='two'>hello</a>
          <b/>
        </root>
        """
        let all = try events(xml)
        #expect(all == [
            .startElement(XMLStartTag(name: "root", attributes: [XMLAttribute(name: "version", value: "1")], depth: 0, line: 2)),
            .startElement(XMLStartTag(name: "a", attributes: [XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "two")],
                                      depth: 1, line: 3)),
            .text("hello", line: 3),
            .endElement(name: "a", depth: 1, line: 3),
            .startElement(XMLStartTag(name: "b", depth: 1, line: 4)),
            .endElement(name: "b", depth: 1, line: 4),
            .endElement(name: "root", depth: 0, line: 5),
        ])
    }

    @Test func decodesPredefinedEntitiesCharacterReferencesAndCDATA() throws {
        let xml = #"<r a="x&amp;y &#38; &lt;&gt;&quot;&apos; &#233;">1 &amp; 2 &lt; 3 &#x263A; <![CDATA[<raw & text>]]></r>"#
        let all = try events(xml)
        guard case .startElement(let tag) = all.first else { Issue.record("no start"); return }
        #expect(tag.attribute("a") == "x&y & <>\"' é")
        #expect(all.dropFirst().first == .text("1 & 2 < 3 ☺ <raw & text>", line: 1))
    }

    @Test func keepsNamespacePrefixesAndURIs() throws {
        let all = try events(#"<p:r xmlns:p="urn:x"><p:c/></p:r>"#)
        guard case .startElement(let tag) = all.first else { Issue.record("no start"); return }
        #expect(tag.name == "p:r")
        #expect(tag.namespaceURI == "urn:x")
    }

    @Test func lineNumbersStayExactPastSixtyFiveThousandLines() throws {
        // libxml2 stores node lines in 16 bits; the reader must not.
        let directory = try TemporaryDirectory()
        var xml = "<records>\n"
        for index in 0..<70_000 { xml += "<r n=\"\(index)\">v\(index)</r>\n" }
        xml += "</records>\n"
        let file = try directory.write("big.xml", xml)
        let reader = try XMLStreamReader(fileAt: file.path)
        var checked = 0
        while let event = try reader.next() {
            if case .startElement(let tag) = event, tag.depth == 1 {
                let index = Int(tag.attribute("n") ?? "") ?? -1
                #expect(tag.line == index + 2)
                checked += 1
            }
        }
        #expect(checked == 70_000)
        #expect(reader.bytesRead == xml.utf8.count)
    }

    @Test func readElementBuildsTheSubtreeAndLeavesTheRest() throws {
        let xml = "<root><rec id=\"1\"><n>a</n><m><k>b</k></m></rec><rec id=\"2\"><n>c</n></rec></root>"
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), documentName: "doc.xml")
        var records: [XMLElement] = []
        while let event = try reader.next() {
            if case .startElement(let tag) = event, tag.name == "rec" { records.append(try reader.readElement(tag)) }
        }
        #expect(records.count == 2)
        #expect(records[0].attribute("id") == "1")
        #expect(records[0].childText("n") == "a")
        #expect(records[0].descendant("m", "k")?.text == "b")
        #expect(records[1].childText("n") == "c")
    }

    @Test func skipElementJumpsPastNestedContent() throws {
        let xml = "<root><skip><a><a/></a></skip><keep/></root>"
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), documentName: "doc.xml")
        var seen: [String] = []
        while let event = try reader.next() {
            guard case .startElement(let tag) = event else { continue }
            seen.append(tag.name)
            if tag.name == "skip" { try reader.skipElement(tag) }
        }
        #expect(seen == ["root", "skip", "keep"])
    }

    @Test func readsUTF16AndLatin1DocumentsAsUnicode() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>é€</r>".utf16 {
            utf16.append(UInt8(unit & 0xFF)); utf16.append(UInt8(unit >> 8))
        }
        let root = try XMLElement.parse(utf16, documentName: "utf16.xml")
        #expect(root.text == "é€")
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>".utf8) + [0xE9] + Array("</r>".utf8)
        #expect(try XMLElement.parse(latin1, documentName: "latin1.xml").text == "é")
    }

    @Test func parsesASmallAnswerDocument() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ACRF>
          <Form>
            <Identification>ACRF001</Identification>
            <FileReference>
              <FileName>FI.FLAX.123456.20250301.00001.T.1.1</FileName>
              <ReferenceNbr>  12345  </ReferenceNbr>
            </FileReference>
            <ReceptionResult>
              <ResultCode>0</ResultCode>
              <ErrorID>ACRF-125</ErrorID>
              <ErrorID>ACRF-130</ErrorID>
            </ReceptionResult>
          </Form>
        </ACRF>
        """
        let root = try XMLElement.parse(Array(xml.utf8), documentName: "FO.ACRF.xml")
        #expect(root.name == "ACRF")
        #expect(root.descendant("Form", "FileReference", "FileName")?.text == "FI.FLAX.123456.20250301.00001.T.1.1")
        #expect(root.descendant("Form", "FileReference")?.childText("ReferenceNbr") == "12345")
        let errors = root.descendant("Form", "ReceptionResult")?.children(named: "ErrorID").map(\.text)
        #expect(errors == ["ACRF-125", "ACRF-130"])
        #expect(root.descendant("Form", "ReceptionResult")?.line == 9)
    }

    @Test func reportsAMissingFileClearly() {
        #expect {
            _ = try XMLStreamReader(fileAt: "/nonexistent/answer.xml")
        } throws: { error in
            let error = error as? XMLError
            return error?.kind == .unreadable && error?.description.hasPrefix("/nonexistent/answer.xml: cannot open") == true
        }
    }
}
