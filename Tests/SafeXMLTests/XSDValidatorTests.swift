import SafeXML
import Testing
import TestSupport

@Suite struct XSDValidatorTests {
    static let schema = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
      <xs:element name="people">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="person" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="niss">
                    <xs:simpleType>
                      <xs:restriction base="xs:string"><xs:pattern value="[0-9]{11}"/></xs:restriction>
                    </xs:simpleType>
                  </xs:element>
                  <xs:element name="born" type="xs:date"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

    let directory: TemporaryDirectory
    let validator: XSDValidator

    init() throws {
        directory = try TemporaryDirectory()
        validator = try XSDValidator(schemaAt: directory.write("people.xsd", Self.schema).path)
    }

    private func person(_ niss: String, _ born: String) -> String {
        "  <person>\n    <niss>\(niss)</niss>\n    <born>\(born)</born>\n  </person>\n"
    }

    @Test func acceptsAValidFileAsXmllintDoes() throws {
        let file = try directory.write("ok.xml", "<people>\n" + person("85073003328", "1985-07-30") + "</people>\n")
        #expect(validator.validate(fileAt: file.path) == [])
        try Command.check("xmllint", ["--noout", "--schema", validator.schemaPath, file.path])
    }

    @Test func reportsEachProblemWithItsLineAndMasksNISSValues() throws {
        let xml = "<people>\n" + person("85073003328", "1985-07-30") + person("12345678901 ", "1985-02-30")
            + person("1234", "1990-01-01") + "</people>\n"
        let file = try directory.write("bad.xml", xml)
        let diagnostics = validator.validate(fileAt: file.path)
        try #require(diagnostics.map(\.line) == [7, 8, 11])
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.document == file.path })
        #expect(diagnostics[0].message.contains("'*********01 '"))
        #expect(!diagnostics.contains { $0.message.contains("12345678901") })
        #expect(diagnostics[1].message.contains("'1985-02-30' is not a valid value of the atomic type 'xs:date'"))
        #expect(diagnostics[2].message.contains("'1234'"))
        #expect(!diagnostics.isValid)
        // xmllint agrees on the very same lines.
        let lint = try Command.run("xmllint", ["--noout", "--schema", validator.schemaPath, file.path])
        #expect(lint.status != 0)
        for line in [7, 8, 11] { #expect(lint.stderr.contains("\(file.path):\(line):")) }
    }

    @Test func refusesDoctypeEntitiesDepthAndTruncationLikeTheReader() throws {
        let cases: [(String, String)] = [
            (HostileXML.doctype, "DOCTYPE declarations are not accepted"),
            (HostileXML.externalEntity, "DOCTYPE declarations are not accepted"),
            (HostileXML.billionLaughs, "DOCTYPE declarations are not accepted"),
            (HostileXML.externalParameterEntity, "DOCTYPE declarations are not accepted"),
            (HostileXML.undeclaredEntity, "entity reference &e; is not accepted"),
            (HostileXML.nested(10_000), "nested deeper than 64 levels"),
            ("<people>\n  <person>\n    <niss>8507", "Premature end of data"),
            ("", "Document is empty"),
        ]
        for (index, (xml, expected)) in cases.enumerated() {
            let file = try directory.write("hostile\(index).xml", xml)
            let elapsed = ContinuousClock().measure {
                let diagnostics = validator.validate(fileAt: file.path)
                #expect(diagnostics.contains { $0.severity == .fatal && $0.message.contains(expected) },
                        "case \(index): \(diagnostics)")
                #expect(!diagnostics.contains { $0.message.contains("root:") })
            }
            #expect(elapsed < .seconds(1))
        }
    }

    @Test func validatesInMemoryDocuments() {
        let good = Array(("<people>" + person("85073003328", "1985-07-30") + "</people>").utf8)
        #expect(validator.validate(bytes: good, documentName: "mem.xml").isValid)
        let bad = Array("<people><other/></people>".utf8)
        let diagnostics = validator.validate(bytes: bad, documentName: "mem.xml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description.hasPrefix("mem.xml:1: error: Element 'other'") == true)
    }

    @Test func stopsAfterTheConfiguredNumberOfProblems() throws {
        let limited = try XSDValidator(schemaAt: validator.schemaPath, maxDiagnostics: 5)
        var xml = "<people>\n"
        for _ in 0..<50 { xml += person("1", "1985-07-30") }
        xml += "</people>\n"
        let diagnostics = limited.validate(bytes: Array(xml.utf8), documentName: "many.xml")
        #expect(diagnostics.count == 6)
        #expect(diagnostics.last?.message == "stopped after 5 problems")
    }

    @Test func refusesFilesOverTheSizeLimit() throws {
        let file = try directory.write("ok.xml", "<people>\n" + person("85073003328", "1985-07-30") + "</people>\n")
        let diagnostics = validator.validate(fileAt: file.path, limits: XMLParsingLimits(maxBytes: 10))
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .fatal)
        #expect(validator.validate(fileAt: directory.path + "/missing.xml").first?.message.hasPrefix("cannot open") == true)
    }

    @Test func oneCompiledSchemaServesConcurrentValidations() async throws {
        let good = try directory.write("good.xml", "<people>\n" + person("85073003328", "1985-07-30") + "</people>\n").path
        let bad = try directory.write("bad.xml", "<people>\n" + person("1", "1985-07-30") + "</people>\n").path
        let validator = self.validator
        let results = await withTaskGroup(of: (Bool, [Int?]).self) { group in
            for index in 0..<40 {
                group.addTask {
                    let isGood = index % 2 == 0
                    return (isGood, validator.validate(fileAt: isGood ? good : bad).map(\.line))
                }
            }
            var all: [(Bool, [Int?])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 40)
        for (isGood, lines) in results { #expect(lines == (isGood ? [] : [3])) }
    }

    @Test func refusesAnUnusableSchema() throws {
        let broken = try directory.write("broken.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"nope\"/></xs:schema>")
        #expect { _ = try XSDValidator(schemaAt: broken.path) } throws: { error in
            (error as? XMLError)?.kind == .invalidSchema
        }
        #expect(throws: XMLError.self) { _ = try XSDValidator(schemaAt: directory.path + "/absent.xsd") }
    }
}
