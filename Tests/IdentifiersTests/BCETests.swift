import Identifiers
import Testing

/// Vectors computed with python3: check = 97 - (first 8 digits mod 97).
@Suite struct BCETests {
    @Test(arguments: [
        ("0403019261", "0403019261"),
        ("0411.001.173", "0411001173"),
        ("0851 234 584", "0851234584"),
        ("1000000120", "1000000120"),       // first digit 1
        ("0403005997", "0403005997"),       // check digits 97
        ("403019261", "0403019261"),        // legacy 9 digits get a leading 0
        ("403.019.261", "0403019261"),
    ])
    func validNumbers(text: String, digits: String) throws {
        #expect(try BCE(validating: text).digits == digits)
    }

    @Test(arguments: [
        ("0403019262", IdentifierError.badCheckDigits),
        ("0403019216", .badCheckDigits),
        ("2403019206", .badFirstDigit),          // check digits right for its 8 digits, but starts with 2
        ("40301926", .wrongLength(expected: 10, found: 8)),
        ("04030192611", .wrongLength(expected: 10, found: 11)),
        ("BE0403019261", .invalidCharacters),
        ("", .empty),
    ])
    func invalidNumbers(text: String, expected: IdentifierError) {
        #expect(throws: expected) { try BCE(validating: text) }
    }
}
