import BatchFormat
import Foundation
import Journal
import PlatformSimulation
import Testing
import TestSupport

/// A full daemon run against answers named and shaped as the platform publishes them: every
/// submission reaches its outcome, an anomaly is traced to its export line, other applications' files
/// stay on the server and are listed, and an answer over the size limit is never downloaded.
@Suite struct PlatformAnswerTests {
    /// An export whose second record (line 3) is a training right of 0 days: the platform warns, so the
    /// submission ends accepted with one anomaly on that record.
    static func exportWithAWarning(tag: String) -> String {
        let year = SampleExport.year
        return """
            niss;employer_bce;year;days;joint_committee;record_id
            \(SampleExport.nationalNumbers[0]);0403170701;\(year);5;200;\(tag)-1
            \(SampleExport.nationalNumbers[1]);0403170701;\(year);0;200;\(tag)-2
            \(SampleExport.nationalNumbers[2]);0403170701;\(year);3;200;\(tag)-3

            """
    }

    static let modes: [(BatchNameLength, Misbehaviour)] = [
        (.six, Misbehaviour(otherApplicationsNoise: true)),
        (.seven, Misbehaviour(quoteFIName: true)),
        (.eight, Misbehaviour(omitNotificationFileReference: true)),
    ]

    @Test(arguments: [0, 1, 2])
    func answersInEveryNamingModeReachTheirOutcomeAndAreTraced(mode: Int) async throws {
        let (length, misbehaviour) = Self.modes[mode]
        try await DaemonHarness.with(.init(answerNameLength: length, misbehaviour: misbehaviour)) { harness in
            try await harness.startReadyDaemon()
            try await harness.drop("warned.csv", Self.exportWithAWarning(tag: "WARN\(mode)"))
            try await harness.drop("clean.csv", SampleExport.trainingRights(tag: "CLEAN\(mode)"))
            try await harness.eventually("both submissions have their outcome", timeout: .seconds(60)) {
                let states = try harness.submissions().map(\.state)
                return states.count == 2 && states.allSatisfy(\.isFinal)
            }
            let journal = try harness.journal()
            let byFile = Dictionary(uniqueKeysWithValues: try harness.exports().map { ($0.sourceFile, $0) })
            let warned = try #require(try journal.submissions(exportID: byFile["warned.csv"]?.id).first)
            let clean = try #require(try journal.submissions(exportID: byFile["clean.csv"]?.id).first)
            #expect(warned.state == .acceptedWithAnomalies)
            #expect(clean.state == .accepted)
            #expect(warned.ticket?.count == 13)

            // The anomaly: its FI line as the platform gave it, the record, and the export line it came from.
            let anomalies = try journal.anomalies(of: try #require(warned.id))
            #expect(anomalies.count == 1)
            let anomaly = try #require(anomalies.first)
            #expect(anomaly.anomalyClass == "W" && anomaly.tagName == "Days" && anomaly.label != nil)
            #expect(anomaly.fiLine != nil)
            #expect(anomaly.recordPosition == 2)
            #expect(anomaly.exportLine == 3)
            let show = try harness.command("show", String(warned.id!))
            #expect(show.stdout.contains("warned.csv line 3"), "\(show.stdout)")
            #expect(show.stdout.contains("FI line \(anomaly.fiLine!)"), "\(show.stdout)")

            // The payroll team's report, record by record: the warned record with its anomaly, the others clean.
            let reportPath = harness.spool + "/reports/\(warned.exportID)-\(warned.goName).records.csv"
            try await harness.eventually("the record report is written") { FileManager.default.fileExists(atPath: reportPath) }
            let report = try String(contentsOfFile: reportPath, encoding: .utf8)
            let rows = report.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.first == RecordOutcomeReportColumns.header)
            let flagged = try #require(rows.first { $0.count > 2 && $0[2] == "WARN\(mode)-2" })
            #expect(flagged[1] == "3" && flagged[4] == "accepted-with-anomalies" && flagged[5] == "00058-004" && flagged[6] == "W", "\(flagged)")
            #expect(rows.filter { $0.count > 5 && $0[5].isEmpty }.count == 2, "\(report)")
            harness.expectNoClearNationalNumber(in: report)
            let onDemand = try harness.command("report", String(warned.id!))
            #expect(onDemand.stdout == report, "\(onDemand.stdout)\(onDemand.stderr)")

            // Every answer of ours was applied and removed; names in the mode's shape.
            let answers = try journal.answers()
            #expect(answers.count == 4, "\(answers.map(\.name))")
            #expect(answers.allSatisfy { $0.state == .applied })
            #expect(answers.allSatisfy { (try? BatchFileName(parsing: $0.name))?.length == length })
            #expect(try journal.answersNeedingAttention().isEmpty)

            if misbehaviour.otherApplicationsNoise {
                // Other applications' files stay on the server, each listed once, none needing a person
                // except the name that is no batch name.
                let left = harness.remoteFiles(in: harness.outFolder)
                #expect(left.contains("readme.txt"))
                #expect(left.contains { $0.hasPrefix("FO.DMNO.") } && left.contains { $0.hasPrefix("GO.BEWA.") }, "\(left)")
                #expect(!left.contains { $0.hasPrefix("FO.ACRF.") || $0.hasPrefix("FO.NOTI.") }, "\(left)")
                // Each file left is listed, or is the GO (or FS) that travels with a listed answer.
                let entries = try journal.outEntries()
                let listed = Set(entries.map(\.name))
                for name in left where !listed.contains(name) {
                    let parsed = try BatchFileName(parsing: name)
                    #expect(parsed.kind == .go && listed.contains(parsed.counterpart(.fo).text), "\(name) is not listed")
                }
                #expect(listed.isSubset(of: Set(left)), "\(listed) vs \(left)")
                #expect(entries.filter(\.needsAttention).map(\.name) == ["readme.txt"])
                let status = try harness.command("status")
                #expect(status.stdout.contains("needs attention"), "\(status.stdout)")
                #expect(status.stdout.contains("answer type DMNO is not one fladaemon reads"), "\(status.stdout)")
                // Marked handled, it is no longer listed as needing attention.
                let dismiss = try harness.command("dismiss", "readme.txt", "--note", "a note from the platform team")
                #expect(dismiss.status == 0, "\(dismiss.stderr)")
                #expect(try journal.outEntries(needingAttentionOnly: true).isEmpty)
            }
        }
    }

    /// A 100 MB answer in OUT is listed for a person from the listing's size and never downloaded;
    /// in production each answer's FS is verified against the platform's certificate.
    @Test func aHugeAnswerIsNeverDownloadedAndSignedAnswersAreVerified() async throws {
        try await DaemonHarness.with(.init(production: true, platformSignsAnswers: true)) { harness in
            let huge = "FO.ACRF.999999.\(CalendarDate.today().compact).77777.R"
            let hugePath = harness.sshd.file("OUT/\(huge)").path
            FileManager.default.createFile(atPath: hugePath, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: hugePath))
            try handle.truncate(atOffset: 100 << 20)
            try handle.close()
            FileManager.default.createFile(atPath: harness.sshd.file("OUT/GO.ACRF.999999.\(CalendarDate.today().compact).77777.R").path,
                                           contents: Data())

            try await harness.startReadyDaemon()
            try await harness.drop("signed.csv", SampleExport.trainingRights(tag: "SIGNED"))
            try await harness.eventually("the submission is accepted", timeout: .seconds(60)) {
                try harness.submissions().first?.state == .accepted
            }
            let journal = try harness.journal()
            let entry = try #require(try journal.outEntries().first { $0.name == huge })
            #expect(entry.needsAttention)
            #expect(entry.byteCount == 100 << 20)
            #expect(entry.reason.contains("more than results.max_answer_bytes"), "\(entry.reason)")
            // Nothing of it came here, not even a partial download.
            let inbox = harness.spoolFiles(in: "archive/answers")
            #expect(!inbox.contains { $0.contains("77777") }, "\(inbox)")
            #expect(harness.remoteFiles(in: "OUT").contains(huge))

            let answers = try journal.answers()
            #expect(answers.count == 2)
            #expect(answers.allSatisfy { $0.signature == AnswerSignature.verified }, "\(answers.map(\.signature))")
            // The platform's FS is kept beside each answer.
            #expect(answers.allSatisfy { inbox.contains("FS" + $0.name.dropFirst(2)) }, "\(inbox)")
            let status = try harness.command("status")
            #expect(status.stdout.contains(huge), "\(status.stdout)")
        }
    }
}

/// The report's columns as the payroll team reads them (kept here in the test's own words).
enum RecordOutcomeReportColumns {
    static let header = ["part", "export_line", "record_id", "niss", "outcome", "anomaly_id", "anomaly_class", "anomaly_label", "field", "value"]
}
