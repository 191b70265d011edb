/// Records found to repeat an earlier record id only once a large export was read to its end (see
/// `DuplicateRecordDetector`): by registration number (the record's place among the records the
/// detector was shown), the line of the earlier record. Registration numbers are the same on every
/// reading of the same file, so a second reading given these rejects each record in its place.
public struct LateDuplicates: Sendable, Equatable {
    private var earlierLines: [Int: Int]

    public init() { earlierLines = [:] }

    init(earlierLines: [Int: Int]) { self.earlierLines = earlierLines }

    public var isEmpty: Bool { earlierLines.isEmpty }
    public var count: Int { earlierLines.count }

    func earlierLine(ofRegistration number: Int) -> Int? { earlierLines[number] }

    /// Adds what a later reading found.
    public mutating func add(_ other: LateDuplicates) {
        earlierLines.merge(other.earlierLines) { first, _ in first }
    }

}
