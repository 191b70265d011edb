import Foundation
import Logging
import Testing
import TestSupport
@testable import ServiceSupport

/// Logs through a real `systemd-journald` and reads the entries back with `journalctl`.
struct JournaldLogHandlerTests {
    private func logger() -> Logger {
        var logger = Logger(label: "fladaemon.test") { JournaldLogHandler(label: $0) }
        logger.logLevel = .trace
        return logger
    }

    @Test func structuredFieldsArriveInTheJournal() async throws {
        try await Journald.withRunning { journald in
            let marker = UUID().uuidString
            logger().warning("Submission for 85.07.30-033.28 rejected", metadata: [
                "test_marker": "\(marker)",
                "submission_id": "12",
                "fla_state": "rejected",
                "source_file": "export-2026-11.csv",
                "remote_name": "FI.DMFA.123456.20261123.00042.R.1.1",
                "sequence": "42",
                "worker": "85073003328",
            ])

            let entries = try await journald.waitForEntries(matching: ["TEST_MARKER=\(marker)"])
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry["MESSAGE"] == "Submission for *********28 rejected")
            #expect(entry["PRIORITY"] == "4")
            #expect(entry["SYSLOG_IDENTIFIER"] == "fladaemon")
            #expect(entry["LOGGER_LABEL"] == "fladaemon.test")
            #expect(entry["SUBMISSION_ID"] == "12")
            #expect(entry["FLA_STATE"] == "rejected")
            #expect(entry["SOURCE_FILE"] == "export-2026-11.csv")
            #expect(entry["REMOTE_NAME"] == "FI.DMFA.123456.20261123.00042.R.1.1")
            #expect(entry["SEQUENCE"] == "42")
            #expect(entry["WORKER"] == "*********28")
            #expect(entry["CODE_FILE"]?.hasSuffix("JournaldLogHandlerTests.swift") == true)
            #expect(entry["CODE_FUNC"]?.hasPrefix("structuredFieldsArriveInTheJournal") == true)
            #expect(Int(entry["CODE_LINE"] ?? "") != nil)
            #expect(entry["_TRANSPORT"] == "journal")
            #expect(entry["_PID"] == String(getpid()))
            // Nothing anywhere in the entry shows the number in clear.
            #expect(!entry.values.contains { $0.contains("85073003328") || $0.contains("85.07.30") })
        }
    }

    @Test func everyLevelMapsToItsSyslogPriority() async throws {
        try await Journald.withRunning { journald in
            let marker = UUID().uuidString
            let logger = logger()
            let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
            for level in levels {
                logger.log(level: level, "level \(level.rawValue)", metadata: ["test_marker": "\(marker)"])
            }
            let entries = try await journald.waitForEntries(matching: ["TEST_MARKER=\(marker)"], count: levels.count)
            var priorities: [String: String] = [:]
            for entry in entries { priorities[entry["MESSAGE"] ?? "?"] = entry["PRIORITY"] }
            #expect(priorities == [
                "level trace": "7", "level debug": "7", "level info": "6", "level notice": "5",
                "level warning": "4", "level error": "3", "level critical": "2",
            ])
        }
    }

    @Test func multiLineMessagesStayOneEntry() async throws {
        try await Journald.withRunning { journald in
            let marker = UUID().uuidString
            logger().error("first line\nsecond line", metadata: ["test_marker": "\(marker)", "detail": "a\nb"])
            let entry = try #require(try await journald.waitForEntries(matching: ["TEST_MARKER=\(marker)"]).first)
            #expect(entry["MESSAGE"] == "first line\nsecond line")
            #expect(entry["DETAIL"] == "a\nb")
        }
    }

    @Test func recordHoldsFieldsInOrder() {
        var handler = JournaldLogHandler(label: "l", syslogIdentifier: "ident")
        handler.metadata = ["submission_id": "3"]
        let event = LogEvent(level: .info, message: "hello", metadata: ["fla_state": "sent"], source: nil,
                             file: "Mod/File.swift", function: "f()", line: 9)
        let fields = handler.record(for: event).fields
        #expect(fields.map(\.name) == ["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "LOGGER_LABEL",
                                       "CODE_FILE", "CODE_LINE", "CODE_FUNC", "FLA_STATE", "SUBMISSION_ID"])
        #expect(fields.map(\.value) == ["hello", "6", "ident", "l", "Mod/File.swift", "9", "f()", "sent", "3"])
    }
}
