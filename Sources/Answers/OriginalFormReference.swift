import BatchFormat

/// `HandledOriginalForm`: which of our forms a NOTIFICATION answers (identification, creation date and
/// hour, attestation status, form type).
public struct OriginalFormReference: Hashable, Sendable {
    public var identification: String?
    public var creationDate: String?
    public var creationHour: String?
    public var attestationStatus: Int?
    public var typeForm: String?

    public init(identification: String?, creationDate: String?, creationHour: String?,
                attestationStatus: Int? = nil, typeForm: String? = nil) {
        self.identification = identification; self.creationDate = creationDate; self.creationHour = creationHour
        self.attestationStatus = attestationStatus; self.typeForm = typeForm
    }

    /// The stamp as the journal keeps it for every FI, `YYYY-MM-DD HH:MM:SS.mmm`; nil when the date or
    /// hour cannot be read. A zone suffix on the date and a fraction of other than 3 digits are
    /// tolerated when they do not change the instant (`.5` is `.500`, `.195000` is `.195`).
    public var formCreation: String? {
        guard let creationDate, let creationHour,
              let date = CalendarDate(iso: creationDate.prefix(10)),
              let hour = Self.normalizedHour(creationHour) else { return nil }
        return "\(date.iso) \(hour)"
    }

    static func normalizedHour(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
              [0, 1, 3, 4, 6, 7].allSatisfy({ isDigit(bytes[$0]) }) else { return nil }
        let head = String(decoding: bytes[0..<8], as: UTF8.self)
        var fraction = ""
        if bytes.count > 8 {
            guard bytes[8] == UInt8(ascii: "."), bytes.count > 9, bytes[9...].allSatisfy(isDigit) else { return nil }
            fraction = String(decoding: bytes[9...], as: UTF8.self)
        }
        if fraction.count < 3 {
            fraction += String(repeating: "0", count: 3 - fraction.count)
        } else if fraction.count > 3 {
            // Only zeros may be dropped: a finer instant is another form.
            guard fraction.dropFirst(3).allSatisfy({ $0 == "0" }) else { return nil }
            fraction = String(fraction.prefix(3))
        }
        return "\(head).\(fraction)"
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
