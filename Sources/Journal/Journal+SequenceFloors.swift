import Foundation
import GRDB

extension Journal {
    /// The highest sequences (handed out, or floors) and the highest export number this journal knows.
    public func highWater() throws -> JournalHighWater {
        try pool.read { db in try Self.highWater(db) }
    }

    static func highWater(_ db: Database) throws -> JournalHighWater {
        var highWater = JournalHighWater()
        let rows = try Row.fetchAll(db, sql: """
            SELECT sender, nameDate, environment, lastSequence AS sequence FROM sequenceCounter
            UNION ALL SELECT sender, nameDate, environment, floor AS sequence FROM sequenceFloor
            """)
        for row in rows {
            let key = SequenceKey(sender: row["sender"], nameDate: row["nameDate"], environment: row["environment"])
            highWater.sequences[key] = max(highWater.sequences[key] ?? 0, row["sequence"])
        }
        // AUTOINCREMENT: the next export is numbered above the highest ever given, deleted or not.
        highWater.highestExportID = try Int64.fetchOne(db, sql: """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'export'), 0),
                       COALESCE((SELECT MAX(id) FROM export), 0))
            """) ?? 0
        return highWater
    }

    /// What `raiseFloors` changed for one sender, date and environment.
    public struct FloorRaise: Sendable, Equatable {
        public let key: SequenceKey
        /// The highest the journal knew before (0: nothing).
        public let from: Int
        public let sighting: SequenceEvidence.Sighting
    }

    /// What `raiseFloors` did: the floors raised and the export number raised, if any.
    public struct FloorRecovery: Sendable, Equatable {
        public let raised: [FloorRaise]
        /// The export number the journal numbers from now (the next export gets one more), when raised.
        public let exportIDRaisedTo: Int64?
    }

    /// Raises, in one transaction, every sequence floor to what `evidence` shows as used and the
    /// export numbering above every export the spool holds, and records an event saying so and where
    /// the evidence came from (`source`). Floors only go up: running it twice changes nothing more.
    public func raiseFloors(to evidence: SequenceEvidence, source: String, at now: Date = Date()) throws -> FloorRecovery {
        try pool.write { db in
            let before = try Self.highWater(db)
            var raised: [FloorRaise] = []
            for (key, sighting) in evidence.highest.sorted(by: { $0.key < $1.key }) {
                let known = before.sequences[key] ?? 0
                guard sighting.sequence > known else { continue }
                try db.execute(sql: """
                    INSERT INTO sequenceFloor (sender, nameDate, environment, floor, evidence, recordedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sender, nameDate, environment) DO UPDATE
                    SET floor = excluded.floor, evidence = excluded.evidence, recordedAt = excluded.recordedAt
                    """, arguments: [key.sender, key.nameDate, key.environment, sighting.sequence,
                                     "\(sighting.name) in \(sighting.place)", now])
                raised.append(FloorRaise(key: key, from: known, sighting: sighting))
            }
            var exportIDRaisedTo: Int64?
            if let export = evidence.highestExport, export.id > before.highestExportID {
                // SQLite's own counter of AUTOINCREMENT keys, which it documents as writable.
                try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'export'")
                try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('export', ?)", arguments: [export.id])
                exportIDRaisedTo = export.id
            }
            var detail = "sequence floors checked against \(source): "
            detail += raised.isEmpty ? "none raised" : raised.map {
                "\($0.key.nameDate) \($0.key.environment) sender \($0.key.sender) from \(SequenceGap.fiveDigits($0.from)) "
                    + "to \(SequenceGap.fiveDigits($0.sighting.sequence)) (\($0.sighting.name) in \($0.sighting.place))"
            }.joined(separator: ", ")
            if let exportIDRaisedTo { detail += "; exports numbered after \(exportIDRaisedTo)" }
            try EventRecord.append(db, at: now, toState: "sequence-floor", detail: detail)
            return FloorRecovery(raised: raised, exportIDRaisedTo: exportIDRaisedTo)
        }
    }

    /// The events recorded about the journal itself (not about one export or submission), oldest first.
    public func channelEvents() throws -> [EventRecord] {
        try pool.read { db in
            try EventRecord.filter(Column("exportID") == nil && Column("submissionID") == nil).order(Column("id")).fetchAll(db)
        }
    }
}
