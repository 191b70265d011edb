/// A structured reference as the platform writes it (`Reference`, `HandledReference`, and the
/// origin and number of a `FileReference`): `ReferenceType`, `ReferenceOrigin`, `ReferenceNbr`.
public struct AnswerReference: Hashable, Sendable, CustomStringConvertible {
    /// `ReferenceOrigin` 1: the sender's own reference, quoted back.
    public static let senderOrigin = 1
    /// `ReferenceOrigin` 2: the platform's ticket.
    public static let platformOrigin = 2

    public var type: Int?
    public var origin: Int?
    public var number: String?

    public init(type: Int? = nil, origin: Int?, number: String?) {
        self.type = type; self.origin = origin; self.number = number
    }

    /// The platform's ticket, when this reference carries one.
    public var ticket: String? { origin == Self.platformOrigin ? number : nil }

    /// Our own reference quoted back, when this reference carries one.
    public var senderReference: String? { origin == Self.senderOrigin ? number : nil }

    public var description: String {
        "reference(type: \(type.map(String.init) ?? "-"), origin: \(origin.map(String.init) ?? "-"), number: \(number ?? "-"))"
    }
}
