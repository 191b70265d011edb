/// What outside the journal shows was already used: the highest sequence per sender, date and
/// environment, with the name that shows it and where it was seen, and the highest export number that
/// has files in the spool. Gathered from the spool's archive (and the server's IN folder); the journal
/// must never be behind it, or it would hand out a name the platform refuses (code 133).
public struct SequenceEvidence: Sendable, Equatable {
    /// One name seen: its sequence, the name itself and where it was (a path, or `IN` on the server).
    public struct Sighting: Sendable, Equatable {
        public let sequence: Int
        public let name: String
        public let place: String

        public init(sequence: Int, name: String, place: String) {
            self.sequence = sequence
            self.name = name
            self.place = place
        }
    }

    public private(set) var highest: [SequenceKey: Sighting] = [:]
    /// The highest export number with a folder or report in the spool, and that place.
    public private(set) var highestExport: (id: Int64, place: String)?
    /// How many names were counted.
    public private(set) var nameCount = 0

    public init() {}

    public var isEmpty: Bool { highest.isEmpty && highestExport == nil }

    /// Counts one used name; keeps the highest sequence of its key.
    public mutating func note(_ key: SequenceKey, sequence: Int, name: String, place: String) {
        nameCount += 1
        if let known = highest[key], known.sequence >= sequence { return }
        highest[key] = Sighting(sequence: sequence, name: name, place: place)
    }

    /// Counts one export number seen in the spool.
    public mutating func note(exportID: Int64, place: String) {
        if let known = highestExport, known.id >= exportID { return }
        highestExport = (exportID, place)
    }

    /// Both sets of evidence together.
    public mutating func merge(_ other: SequenceEvidence) {
        for (key, sighting) in other.highest {
            nameCount -= 1
            note(key, sequence: sighting.sequence, name: sighting.name, place: sighting.place)
        }
        nameCount += other.nameCount
        if let export = other.highestExport { note(exportID: export.id, place: export.place) }
    }

    public static func == (lhs: SequenceEvidence, rhs: SequenceEvidence) -> Bool {
        lhs.highest == rhs.highest && lhs.nameCount == rhs.nameCount
            && lhs.highestExport?.id == rhs.highestExport?.id && lhs.highestExport?.place == rhs.highestExport?.place
    }
}
