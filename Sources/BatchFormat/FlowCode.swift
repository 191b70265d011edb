/// The 4-character application code in a file name (`DMFA`, `DIMN`, ...), or in the platform's
/// answers the answer type (`ACRF`, `NOTI`). The FLA code is not published: it comes from configuration.
public struct FlowCode: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: some StringProtocol) throws(BatchNameError) {
        let value = String(text)
        guard value.utf8.count == 4, value.utf8.allSatisfy(isUpperAlphanumeric) else {
            throw BatchNameError(name: nil, problem: .invalidPart(.flow, value: value, expected: "4 characters A-Z or 0-9"))
        }
        self.text = value
    }

    public var description: String { text }
}

/// The 6-digit sender number of a channel, as shown in Chaman. It must match the SFTP account.
public struct SenderNumber: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: some StringProtocol) throws(BatchNameError) {
        let value = String(text)
        guard value.utf8.count == 6, value.utf8.allSatisfy(isDigit) else {
            throw BatchNameError(name: nil, problem: .invalidPart(.sender, value: value, expected: "6 digits"))
        }
        self.text = value
    }

    public var description: String { text }
}

func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

func isUpperAlphanumeric(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
}
