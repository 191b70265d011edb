import Identifiers
import Testing

/// Vectors computed with python3: check = 97 - (first 9 digits mod 97), or the same over "2" + 9 digits.
@Suite struct NISSTests {
    @Test(arguments: [
        "85073003328",   // born 1985-07-30, rule before 2000
        "05061212381",   // born 2005-06-12: only the "2" + 9 digits rule gives 81
        "05061212352",   // same body with the old-rule check: accepted, the spec says accept either
        "85273004559",   // BIS, month + 20
        "85473001238",   // BIS, month + 40
        "85000012313",   // month and day unknown (00)
        "00000012303",   // born 2000-00-00, "2" rule
        "85073006197",   // body divisible by 97: check digits 97
        "99123100168",
    ])
    func validNumbers(text: String) throws {
        let niss = try NISS(validating: text)
        #expect(niss.digits == text)
    }

    @Test func separatorsAreStripped() throws {
        #expect(try NISS(validating: "85.07.30-033.28").digits == "85073003328")
        #expect(try NISS(validating: "850730 033 28").digits == "85073003328")
    }

    @Test func bisNumbersAreFlagged() throws {
        #expect(try NISS(validating: "85273004559").isBIS)
        #expect(try NISS(validating: "85473001238").isBIS)
        #expect(try !NISS(validating: "85073003328").isBIS)
    }

    @Test(arguments: [
        ("85073003329", IdentifierError.badCheckDigits),
        ("05061212380", .badCheckDigits),
        ("85073003382", .badCheckDigits),          // check digits swapped
        ("8507300332", .wrongLength(expected: 11, found: 10)),
        ("850730033281", .wrongLength(expected: 11, found: 12)),
        ("85133003370", .impossibleBirthDate),     // month 13, correct check digits
        ("85613003318", .impossibleBirthDate),     // month 61: beyond BIS +40
        ("85073203365", .impossibleBirthDate),     // day 32
        ("85073003a28", .invalidCharacters),
        ("", .empty),
        (" .-", .empty),
    ])
    func invalidNumbers(text: String, expected: IdentifierError) {
        #expect(throws: expected) { try NISS(validating: text) }
    }

    @Test func maskedOutputHidesTheBirthDate() throws {
        for text in ["85073003328", "05061212381", "85273004559"] {
            let niss = try NISS(validating: text)
            let shown = [niss.masked, niss.description, "\(niss)", maskedNISSText(text),
                         maskedNISSText("85.07.30-033.28")]
            for output in shown {
                #expect(!output.contains(text.prefix(6)), "\(output) leaks the birth date")
                #expect(!output.contains(text.prefix(9)))
            }
            #expect(niss.masked == "*********" + text.suffix(2))
        }
    }
}
