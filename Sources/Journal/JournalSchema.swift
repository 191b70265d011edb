import GRDB

/// The journal's migrations. Append only: a released migration is never edited, a change is a new one.
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: exports, submissions, files, events, sequences") { db in
            try db.create(table: "export") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sourceFile", .text).notNull()
                t.column("storedPath", .text).notNull()
                t.column("sha256", .text).notNull().indexed()
                t.column("byteCount", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("detail", .text)
                t.column("receivedAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("exportID", .integer).notNull().references("export").indexed()
                t.column("flow", .text).notNull()
                t.column("sender", .text).notNull()
                t.column("environment", .text).notNull()
                t.column("nameDate", .text).notNull()
                t.column("sequence", .integer).notNull()
                t.column("parts", .integer).notNull()
                t.column("recordCount", .integer).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("goName", .text).notNull().unique()
                t.column("directory", .text).notNull()
                t.column("ticket", .text).indexed()
                t.column("detail", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                // A name the platform has seen is rejected forever (code 133): the database refuses a second one.
                t.uniqueKey(["sender", "nameDate", "environment", "sequence"])
            }
            try db.create(table: "submissionFile") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("submissionID", .integer).notNull().references("submission").indexed()
                t.column("kind", .text).notNull()
                t.column("part", .integer).notNull()
                t.column("name", .text).notNull().unique()
                t.column("byteCount", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("formCreation", .text).unique()
                t.column("recordLines", .blob)
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("exportID", .integer).references("export").indexed()
                t.column("submissionID", .integer).references("submission").indexed()
                t.column("fromState", .text)
                t.column("toState", .text).notNull()
                t.column("detail", .text)
            }
            try db.execute(sql: """
                CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
                CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
                """)
            // Highest sequence handed out per sender, name date and environment.
            try db.create(table: "sequenceCounter") { t in
                t.column("sender", .text).notNull()
                t.column("nameDate", .text).notNull()
                t.column("environment", .text).notNull()
                t.column("lastSequence", .integer).notNull()
                t.primaryKey(["sender", "nameDate", "environment"])
            }
            // Last form creation stamp handed out (local wall-clock milliseconds), so every FI's is unique.
            try db.create(table: "formClock") { t in
                t.column("id", .integer).primaryKey(onConflict: .replace)
                t.column("lastLocalMillis", .integer).notNull()
            }
        }
        migrator.registerMigration("v2: upload steps, answers, anomalies") { db in
            try db.create(table: "uploadStep") { t in
                t.column("submissionID", .integer).notNull().references("submission")
                t.column("fileName", .text).notNull()
                t.column("temporaryName", .text)
                t.column("step", .text).notNull()
                t.column("attempt", .integer).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.primaryKey(["submissionID", "fileName"])
            }
            try db.create(table: "answer") { t in
                t.autoIncrementedPrimaryKey("id")
                // One row per answer file: downloading it again changes nothing.
                t.column("name", .text).notNull().unique()
                t.column("storedPath", .text).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("type", .text)
                t.column("submissionID", .integer).references("submission").indexed()
                t.column("submissionFileID", .integer).references("submissionFile")
                t.column("resultCode", .integer)
                t.column("ticket", .text)
                t.column("matchedBy", .text)
                t.column("detail", .text)
                t.column("receivedAt", .datetime).notNull()
            }
            try db.create(table: "anomaly") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("answerID", .integer).notNull().references("answer").indexed()
                t.column("submissionID", .integer).notNull().references("submission").indexed()
                t.column("submissionFileID", .integer).references("submissionFile")
                t.column("errorID", .text).notNull()
                t.column("tagName", .text)
                t.column("value", .text)
                t.column("anomalyClass", .text)
                t.column("path", .text)
                t.column("systemCorrection", .text)
                t.column("recordPosition", .integer)
                t.column("exportLine", .integer)
            }
        }
        migrator.registerMigration("v3: answers as the platform writes them, OUT entries not downloaded") { db in
            try db.alter(table: "answer") { t in
                // How the platform's FS of the answer fared: verified, not verified (no certificate
                // configured), invalid, or none.
                t.add(column: "signature", .text)
                // A person marked an answer that needed attention as handled.
                t.add(column: "handledAt", .datetime)
                t.add(column: "handledNote", .text)
            }
            try db.alter(table: "anomaly") { t in
                t.add(column: "label", .text)
                t.add(column: "fiLine", .integer)
                t.add(column: "fiColumn", .integer)
                t.add(column: "location", .text)
            }
            try db.alter(table: "submissionFile") { t in
                // FI only: the FI line on which each record starts, in document order (little-endian UInt32s).
                t.add(column: "recordFILines", .blob)
            }
            // Files in OUT that were not downloaded (other applications' answers, names not understood, answers
            // too large, another environment): listed once, never touched on the server.
            try db.create(table: "outEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("folder", .text).notNull()
                t.column("name", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("needsAttention", .boolean).notNull()
                t.column("byteCount", .integer)
                t.column("firstSeenAt", .datetime).notNull()
                t.column("handledAt", .datetime)
                t.column("handledNote", .text)
                t.uniqueKey(["folder", "name"])
            }
        }
        migrator.registerMigration("v4: sequence floors from the archive and the server") { db in
            // The highest sequence the spool's archive or the server's IN folder shows as used, per sender,
            // name date and environment, as `fladaemon recover-sequences` found it: no sequence at or below
            // it is handed out, whatever the journal lost.
            try db.create(table: "sequenceFloor") { t in
                t.column("sender", .text).notNull()
                t.column("nameDate", .text).notNull()
                t.column("environment", .text).notNull()
                t.column("floor", .integer).notNull()
                // The name that showed it, and where.
                t.column("evidence", .text).notNull()
                t.column("recordedAt", .datetime).notNull()
                t.primaryKey(["sender", "nameDate", "environment"])
            }
        }
        return migrator
    }
}
