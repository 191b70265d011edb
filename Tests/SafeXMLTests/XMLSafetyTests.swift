import SafeXML
import Testing
import TestSupport

/// Every hostile or broken document is refused with a clear error, quickly, and nothing outside
/// the document is ever read.
@Suite struct XMLSafetyTests {
    private func readAll(_ xml: String, limits: XMLParsingLimits = .smallDocuments) -> (events: [XMLEvent], error: XMLError?) {
        readAll(Array(xml.utf8), limits: limits)
    }

    private func readAll(_ bytes: [UInt8], limits: XMLParsingLimits = .smallDocuments) -> (events: [XMLEvent], error: XMLError?) {
        var events: [XMLEvent] = []
        do {
            let reader = try XMLStreamReader(bytes: bytes, documentName: "input.xml", limits: limits)
            while let event = try reader.next() { events.append(event) }
            return (events, nil)
        } catch {
            return (events, error)
        }
    }

    private func expectFast(_ body: () -> Void) {
        let elapsed = ContinuousClock().measure(body)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test func refusesAnyDoctype() {
        let (_, error) = readAll(HostileXML.doctype)
        #expect(error?.kind == .doctypeRefused)
        #expect(error?.line == 2)
        #expect(error?.description == "input.xml:2: DOCTYPE declarations are not accepted (no DTD, entity or external reference is processed)")
    }

    @Test func refusesExternalEntitiesWithoutReadingThem() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("xxe.xml", HostileXML.externalEntity)
        var error: XMLError?
        var events: [XMLEvent] = []
        do {
            let reader = try XMLStreamReader(fileAt: file.path)
            while let event = try reader.next() { events.append(event) }
        } catch let caught {
            error = caught
        }
        #expect(error?.kind == .doctypeRefused)
        #expect(events.isEmpty)
        #expect(error?.description.contains("root:") == false)
    }

    @Test func refusesExternalParameterEntities() {
        expectFast {
            let (events, error) = readAll(HostileXML.externalParameterEntity)
            #expect(error?.kind == .doctypeRefused)
            #expect(events.isEmpty)
        }
    }

    @Test func refusesBillionLaughsAtOnce() {
        expectFast {
            let (events, error) = readAll(HostileXML.billionLaughs)
            #expect(error?.kind == .doctypeRefused)
            #expect(events.isEmpty)
        }
    }

    @Test func refusesReferencesToUndeclaredEntities() {
        let (_, error) = readAll(HostileXML.undeclaredEntity)
        #expect(error?.kind == .entityRefused)
        #expect(error?.line == 2)
        #expect(error?.message.contains("&e;") == true)
    }

    @Test func refusesTenThousandLevelsOfNesting() {
        expectFast {
            let (_, error) = readAll(HostileXML.nested(10_000))
            #expect(error?.kind == .tooDeep)
            #expect(error?.message == "elements are nested deeper than 64 levels")
        }
    }

    @Test func acceptsExactlyTheDepthLimit() {
        #expect(readAll(HostileXML.nested(64)).error == nil)
        #expect(readAll(HostileXML.nested(65)).error?.kind == .tooDeep)
        var tight = XMLParsingLimits.smallDocuments
        tight.maxDepth = 3
        #expect(readAll(HostileXML.nested(4), limits: tight).error?.kind == .tooDeep)
    }

    @Test func truncatedDocumentDeliversWhatCameBeforeThenFails() {
        let (events, error) = readAll(HostileXML.truncated)
        #expect(error?.kind == .malformed)
        #expect(error?.description == "input.xml:4: the document ends inside <a>: it is truncated")
        let texts = events.compactMap { event -> String? in
            if case .text(let text, _) = event { return text }
            return nil
        }
        #expect(texts.starts(with: ["1", "2"]))
    }

    @Test func mismatchedTagNamesTheLine() {
        let (_, error) = readAll(HostileXML.mismatchedTag)
        #expect(error?.kind == .malformed)
        #expect(error?.line == 2)
        #expect(error?.message.contains("Opening and ending tag mismatch") == true)
    }

    @Test func emptyAndNonXMLInputIsMalformed() {
        #expect(readAll("").error?.kind == .malformed)
        #expect(readAll("niss;employer_bce\n1;2\n").error?.kind == .malformed)
        #expect(readAll("<r/><r/>").error?.kind == .malformed)
    }

    @Test func invalidUTF8IsMalformed() {
        let bytes = Array("<r>".utf8) + [0xC3, 0x28] + Array("</r>".utf8)
        let error = readAll(bytes).error
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func refusesDocumentsOverTheSizeLimit() throws {
        let limits = XMLParsingLimits(maxBytes: 100)
        let big = "<r>" + String(repeating: "x", count: 200) + "</r>"
        #expect(readAll(big, limits: limits).error?.kind == .tooLarge)
        let directory = try TemporaryDirectory()
        let file = try directory.write("big.xml", big)
        #expect(throws: XMLError.self) { _ = try XMLStreamReader(fileAt: file.path, limits: limits) }
    }

    @Test func refusesOverlongTexts() {
        var limits = XMLParsingLimits.smallDocuments
        limits.maxTextBytes = 1000
        let error = readAll("<r>" + String(repeating: "x", count: 5000) + "</r>", limits: limits).error
        #expect(error?.kind == .tooLarge)
    }

    @Test func refusesDirectories() {
        #expect(throws: XMLError.self) { _ = try XMLStreamReader(fileAt: "/tmp") }
    }
}
