import Identifiers
import Testing

/// ONSS registration numbers: 9 digits whose value mod 97 is 96 (vectors found with python3).
@Suite struct ONSSNumberTests {
    @Test(arguments: ["123456749", "500000176", "1234567-49"])
    func validNumbers(text: String) throws {
        #expect(try ONSSNumber(validating: text).digits.count == 9)
    }

    @Test(arguments: [
        ("123456748", IdentifierError.badCheckDigits),
        ("500000177", .badCheckDigits),
        ("12345674", .wrongLength(expected: 9, found: 8)),
        ("0123456749", .wrongLength(expected: 9, found: 10)),
        ("12345674x", .invalidCharacters),
    ])
    func invalidNumbers(text: String, expected: IdentifierError) {
        #expect(throws: expected) { try ONSSNumber(validating: text) }
    }
}
