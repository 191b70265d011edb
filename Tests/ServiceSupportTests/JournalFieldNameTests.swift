import Testing
import ServiceSupport

struct JournalFieldNameTests {
    @Test(arguments: [
        ("submission_id", "SUBMISSION_ID"),
        ("fla_state", "FLA_STATE"),
        ("remote-name", "REMOTE_NAME"),
        ("source.file", "SOURCE_FILE"),
        ("_pid", "PID"),                     // journald reserves the leading underscore for itself
        ("2fa", "M_2FA"),                    // a field may not start with a digit
        ("message", "METADATA_MESSAGE"),     // may not shadow the handler's own fields
        ("priority", "METADATA_PRIORITY"),
        ("café crème", "CAF_CR_ME"),
    ])
    func convertsMetadataKeys(key: String, expected: String) {
        #expect(JournalFieldName.forMetadataKey(key) == expected)
    }

    @Test func rejectsKeysWithNothingUsable() {
        #expect(JournalFieldName.forMetadataKey("") == nil)
        #expect(JournalFieldName.forMetadataKey("--") == nil)
    }

    @Test func limitsNamesTo64Bytes() throws {
        let name = try #require(JournalFieldName.forMetadataKey(String(repeating: "a", count: 100)))
        #expect(name == String(repeating: "A", count: 64))
    }
}
