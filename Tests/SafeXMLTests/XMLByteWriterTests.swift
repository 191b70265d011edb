import Glibc
import SafeXML
import Testing
import TestSupport

@Suite struct XMLByteWriterTests {
    @Test func writesIndentedDocument() throws {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink)
        try writer.writeDeclaration()
        try writer.startElement("root", attributes: [XMLAttribute(name: "version", value: "1")])
        try writer.element("a", text: "x")
        try writer.startElement("b")
        try writer.element("n", integer: 7, minimumDigits: 3)
        try writer.endElement()
        try writer.startElement("empty")
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        #expect(sink.string == """
        <?xml version="1.0" encoding="UTF-8"?>
        <root version="1">
          <a>x</a>
          <b>
            <n>007</n>
          </b>
          <empty></empty>
        </root>

        """)
        #expect(writer.byteCount == sink.bytes.count)
    }

    @Test func escapesMarkupAndRoundTripsEveryCharacter() throws {
        let samples = ["a & b < c > d \" e ' f", "Ålesund – “Zürich” 日本 😀", "tab\there\nnew line\r\nCRLF", "&amp; is not decoded twice",
                       "]]> end of CDATA", String(repeating: "ß<", count: 50_000)]
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink)
        try writer.writeDeclaration()
        try writer.startElement("root")
        for sample in samples {
            try writer.startElement("item", attributes: [XMLAttribute(name: "value", value: sample)])
            try writer.writeText(sample)
            try writer.endElement()
        }
        try writer.endElement()
        try writer.finish()
        #expect(sink.string.contains("a &amp; b &lt; c &gt; d &quot; e &apos; f"))

        let root = try XMLElement.parse(sink.bytes, documentName: "written.xml")
        let items = root.children(named: "item")
        #expect(items.map(\.text) == samples)
        #expect(items.map { $0.attribute("value") } == samples)

        // And an independent parser reads it the same way.
        let directory = try TemporaryDirectory()
        let file = try directory.write("written.xml", bytes: .init(sink.bytes))
        for index in 0..<3 {
            let lint = try Command.check("xmllint", ["--xpath", "string(/root/item[\(index + 1)]/@value)", file.path])
            #expect(lint.stdout == samples[index] + "\n")
        }
    }

    @Test func refusesCharactersXMLForbids() throws {
        for bad in ["a\u{0}b", "bell\u{7}", "esc\u{1B}", "nonchar\u{FFFE}", "nonchar\u{FFFF}"] {
            let writer = XMLByteWriter(sink: ByteBufferSink())
            try writer.startElement("TrainingName")
            #expect(throws: XMLWriterError.self) { try writer.writeText(bad) }
        }
        let writer = XMLByteWriter(sink: ByteBufferSink())
        #expect { try writer.element("Name", text: "x\u{1}") } throws: { error in
            (error as? XMLWriterError)?.description == "<Name>: character U+0001 is not allowed in XML 1.0"
        }
        // U+FFFD and other characters near the forbidden ones are fine.
        let fine = XMLByteWriter(sink: ByteBufferSink())
        try fine.element("a", text: "\u{FFFD}\u{FEFF}\u{EFFF}\u{7F}")
    }

    @Test func refusesBadNamesAndUnbalancedCalls() throws {
        let writer = XMLByteWriter(sink: ByteBufferSink())
        #expect(throws: XMLWriterError.self) { try writer.startElement("1abc") }
        #expect(throws: XMLWriterError.self) { try writer.startElement("a b") }
        #expect(throws: XMLWriterError.self) { try writer.startElement("a", attributes: [XMLAttribute(name: "x\"", value: "")]) }
        #expect(throws: XMLWriterError.self) { try writer.endElement() }
        try writer.startElement("open")
        #expect(throws: XMLWriterError.self) { try writer.finish() }
        try writer.endElement()
        try writer.finish()
        #expect(throws: XMLWriterError.self) { try writer.startElement("late") }
        #expect(throws: XMLWriterError.self) { try writer.writeDeclaration() }
    }

    @Test func compactLayoutWritesOneLine() throws {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink, indentation: nil)
        try writer.startElement("r")
        try writer.element("a", integer: -42)
        try writer.element("b", integer: Int.min)
        try writer.endElement()
        try writer.finish()
        #expect(sink.string == "<r><a>-42</a><b>-9223372036854775808</b></r>")
    }

    @Test func streamsToAFileDescriptorThroughManyBufferFlushes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.xml").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        let writer = XMLByteWriter(sink: FileDescriptorSink(descriptor: descriptor))
        try writer.writeDeclaration()
        try writer.startElement("records")
        for index in 0..<40_000 { try writer.element("r", text: "record \(index) & more") }
        try writer.endElement()
        try writer.finish()
        close(descriptor)
        let expectedSize = writer.byteCount
        var status = stat()
        stat(path, &status)
        #expect(Int(status.st_size) == expectedSize)
        #expect(expectedSize > 10 * XMLByteWriter.bufferCapacity)
        let reader = try XMLStreamReader(fileAt: path)
        var count = 0
        var last = ""
        while let event = try reader.next() {
            if case .text(let text, _) = event { count += 1; last = text }
        }
        #expect(count == 40_000)
        #expect(last == "record 39999 & more")
    }
}

extension XMLByteWriterTests {
    @Test func refusesWhatCouldNotFitTheBuffer() throws {
        let writer = XMLByteWriter(sink: ByteBufferSink(), indentation: 1_000_000)
        #expect(writer.indentation == XMLByteWriter.maxIndentation)
        #expect(throws: XMLWriterError.self) { try writer.startElement(String(repeating: "a", count: 100_000)) }
        #expect(throws: XMLWriterError.self) { try writer.element("n", integer: 1, minimumDigits: 1_000_000) }
        let deep = XMLByteWriter(sink: ByteBufferSink())
        for _ in 0..<XMLByteWriter.maxDepth { try deep.startElement("a") }
        #expect(throws: XMLWriterError.self) { try deep.startElement("a") }
        for _ in 0..<XMLByteWriter.maxDepth { try deep.endElement() }
        try deep.finish()
    }
}

extension XMLByteWriterTests {
    @Test func leafTextLargerThanTheBufferIsWrittenInPieces() throws {
        let huge = String(repeating: "€<&é", count: 40_000)
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink)
        try writer.startElement("r")
        try writer.element("big", text: huge)
        try writer.element("after", text: "ok")
        try writer.endElement()
        try writer.finish()
        var limits = XMLParsingLimits.smallDocuments
        limits.maxTextBytes = 1 << 22
        let root = try XMLElement.parse(sink.bytes, documentName: "big.xml", limits: limits)
        #expect(root.childText("big") == huge)
        #expect(root.childText("after") == "ok")
        #expect(writer.byteCount == sink.bytes.count)
    }
}
