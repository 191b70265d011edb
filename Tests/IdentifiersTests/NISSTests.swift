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

    /// The check digits pick the century; the birth date they give must not be after today. Vectors agree
    /// with python-stdnum's be.nn / be.bis, which look at the year only; here month and day count too
    /// when they are known.
    @Test(arguments: [
        ("30080671019", "2030-08-06"),   // only the "2" rule fits: born 2030-08-06
        ("30280671062", "2030-08-06"),   // the same birth as a BIS number, month + 20
        ("30480671008", "2030-08-06"),   // month + 40
        ("30080012310", "2030-08-01"),   // day unknown: 2030-08 counts as begun on its first day
        ("30000012351", "2030-01-01"),   // month and day unknown: the year alone
    ])
    func aBirthDateFromTheFutureIsRefusedUntilThatDay(text: String, birth: String) throws {
        let parts = birth.split(separator: "-").map { Int($0)! }
        let birthDay = ReferenceDay(year: parts[0], month: parts[1], day: parts[2])
        let dayBefore = parts[2] > 1 ? ReferenceDay(year: parts[0], month: parts[1], day: parts[2] - 1)
            : parts[1] > 1 ? ReferenceDay(year: parts[0], month: parts[1] - 1, day: 31)
            : ReferenceDay(year: parts[0] - 1, month: 12, day: 31)
        #expect(throws: IdentifierError.birthDateInFuture) {
            try NISS(validating: text, today: ReferenceDay(year: 2026, month: 3, day: 15))
        }
        #expect(throws: IdentifierError.birthDateInFuture) { try NISS(validating: text, today: dayBefore) }
        #expect(try NISS(validating: text, today: birthDay).digits == text)
    }

    @Test func theOldRuleIsAlwaysABirthInThePast() throws {
        // Body 300806710 with the pre-2000 check digits: born 1930, whatever the day.
        #expect(try NISS(validating: "30080671087", today: ReferenceDay(year: 2026, month: 3, day: 15)).digits
                == "30080671087")
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
