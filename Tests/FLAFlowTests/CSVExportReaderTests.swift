import BatchFormat
import CSVInput
import FLAFlow
import Identifiers
import Testing
import TestSupport

/// The vendor-shaped corpus in `Fixtures/csv`: each quirk read end to end, with exact outcomes.
@Suite struct CSVExportReaderTests {
    private func rights(_ outcome: CSVFixture.Outcome) -> [TrainingRight] {
        outcome.records.compactMap { if case .trainingRight(let r) = $0.record { r } else { nil } }
    }

    private func followed(_ outcome: CSVFixture.Outcome) -> [TrainingFollowed] {
        outcome.records.compactMap { if case .trainingFollowed(let r) = $0.record { r } else { nil } }
    }

    @Test func canonicalRightsWithSemicolonsDecimalCommasAndSlashDates() throws {
        var reader = try CSVFixture.reader("rights_canonical_semicolon.csv")
        #expect(reader.kind == .trainingRight)
        #expect(reader.delimiter == .semicolon)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        #expect(outcome.records.map(\.line) == [2, 3, 4])
        let records = rights(outcome)
        #expect(records.map(\.niss.digits) == ["85073003328", "85073003328", "05061212381"])
        #expect(records.map(\.employer.digits) == ["0403019261", "0403019261", "0403019261"])  // 9-digit legacy padded
        #expect(records.map(\.days.description) == ["5", "1.5", "2.25"])
        #expect(records.map(\.jointCommittee.code) == ["200", "124.01", "302.01.02"])
        #expect(records.map { $0.workFraction?.description } == ["1", "0.8", nil])
        #expect(records.map { $0.periodStart?.iso } == ["2025-01-01", "2025-03-01", nil])
        #expect(records.map { $0.periodEnd?.iso } == ["2025-12-31", "2025-12-31", nil])
        #expect(records.map(\.action) == [.create, .create, .update])
        #expect(records[0].onssNumber?.digits == "123456749")
        #expect(records.map(\.recordID) == ["R-1", "R-2", "R-3"])
    }

    @Test func canonicalFollowedWithCommasCRLFAndAQuotedMultiLineName() throws {
        var reader = try CSVFixture.reader("followed_canonical_comma.csv")
        #expect(reader.kind == .trainingFollowed)
        #expect(reader.delimiter == .comma)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        #expect(outcome.records.map(\.line) == [2, 3, 5])   // the second record spans lines 3-4
        let records = followed(outcome)
        #expect(records.map(\.trainingName) == ["Safety, level 2", "First aid (refresher, \"module B\")", "Excel"])
        #expect(records.map(\.duration.description) == ["7.5", "1", "12"])
        #expect(records.map(\.durationUnit) == [.hours, .days, .hours])
        #expect(records.map(\.followed) == [true, true, false])
        #expect(records.map(\.certificate) == [false, true, nil])
        #expect(records.map(\.countsForFLA) == [true, true, false])   // empty → default yes
        #expect(records.map { $0.provider?.digits } == ["0411001173", nil, nil])
        #expect(records.map(\.action) == [.create, .update, .delete])
        #expect(records.map(\.niss.isBIS) == [false, true, true])
        #expect(records.map { $0.startDate.iso } == ["2025-03-10", "2025-04-01", "2025-05-02"])
    }

    @Test func tabsWithByteOrderMarkAndMixedCaseHeaders() throws {
        var reader = try CSVFixture.reader("followed_tab_bom.csv")
        #expect(reader.delimiter == .tab)
        #expect(reader.encoding == .utf8)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        #expect(followed(outcome).map(\.trainingName) == ["Soudure – niveau 1", "Gestion d’équipe"])
        #expect(followed(outcome).map(\.recordID) == ["T1", "T2"])
    }

    @Test func frenchHeadersInWindows1252() throws {
        var reader = try CSVFixture.reader("followed_french_cp1252.csv")
        #expect(reader.encoding == .windows1252)
        #expect(reader.kind == .trainingFollowed)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        let records = followed(outcome)
        #expect(records.map(\.trainingName) == ["Sécurité incendie", "Prévention – troubles musculo-squelettiques",
                                                "Français des affaires € 2025"])
        #expect(records.map(\.action) == [.create, .update, .delete])
        #expect(records.map(\.durationUnit) == [.days, .hours, .hours])
        #expect(records.map(\.duration.description) == ["3", "7.5", "40"])
        #expect(records.map(\.followed) == [true, true, false])
        #expect(records.map(\.certificate) == [false, true, nil])
        #expect(records.map { $0.startDate.iso } == ["2025-02-10", "2025-03-03", "2025-04-01"])
        #expect(records.map { $0.endDate.iso } == ["2025-02-12", "2025-03-03", "2025-06-30"])
    }

    @Test func dutchHeaders() throws {
        let outcome = try CSVFixture.readAll("rights_dutch.csv")
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        let records = rights(outcome)
        #expect(records.count == 2)
        #expect(records.map(\.year) == [2024, 2024])
        #expect(records.map(\.action) == [.create, .update])
        #expect(records.map { $0.workFraction?.description } == ["0.5", nil])
        #expect(records.map { $0.periodEnd?.iso } == ["2024-06-30", nil])
        #expect(records.map(\.employer.digits) == ["0403019261", "0411001173"])
    }

    static let vendorProfile = ColumnProfile(
        name: "acme-payroll",
        columns: ["Werknemer INSZ": .niss, "Lijn ID": .recordID, "Cursus": .trainingName, "Van": .startDate,
                  "Tot": .endDate, "Aantal": .duration, "Eenh.": .durationUnit, "Aanwezig": .followed],
        ignore: ["Interne code", "opmerking"],
        defaults: [.employerBCE: "0403019261"])

    @Test func vendorHeadersThroughAProfile() throws {
        let outcome = try CSVFixture.readAll("followed_vendor_profile.csv", profile: Self.vendorProfile)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected)")
        let records = followed(outcome)
        #expect(records.map(\.trainingName) == ["Heftruck", "VCA basis"])
        #expect(records.map(\.employer.digits) == ["0403019261", "0403019261"])   // from the profile's default
        #expect(records.map(\.durationUnit) == [.days, .hours])
        #expect(records.map(\.followed) == [true, false])
        #expect(records.map(\.recordID) == ["L001", "L002"])
    }

    @Test func vendorHeadersWithoutTheProfileAreRejected() throws {
        let problem = try #require(try CSVFixture.fileProblem("followed_vendor_profile.csv"))
        #expect(problem.line == 1)
        #expect(problem.reason.contains("unknown columns \"Werknemer INSZ\", \"Lijn ID\", \"Cursus\""))
        #expect(problem.reason.contains("\"Opmerking\""))
    }

    @Test func aFileMixingGoodAndBadRows() throws {
        let outcome = try CSVFixture.readAll("followed_mixed_good_bad.csv")
        #expect(outcome.records.map(\.line) == [2, 9, 12])
        #expect(followed(outcome).map(\.recordID) == ["M1", "M1", "M9"])
        #expect(followed(outcome).last?.trainingName == "Quoted; with delimiter")
        #expect(followed(outcome).last?.duration.description == "1.25")
        #expect(outcome.rejectedLines == [3, 4, 5, 6, 7, 8, 10])
        #expect(outcome.problems(onLine: 3) == ["niss: check digits do not match"])
        #expect(outcome.problems(onLine: 4) == ["end_date: is before start_date 2025-02-10",
                                                "duration: must be more than 0"])
        #expect(outcome.problems(onLine: 5) == ["duration_unit: is not a duration unit: use hours or days",
                                                "followed: is not yes or no (yes/no, true/false, 1/0, oui/non, ja/nee)"])
        #expect(outcome.problems(onLine: 6) == ["niss: is required", "training_name: is required"])
        #expect(outcome.problems(onLine: 7) == ["training_name: must be 1 to 200 characters without control characters",
                                                "start_date: is not a date: use YYYY-MM-DD or DD/MM/YYYY"])
        #expect(outcome.problems(onLine: 8) == ["record_id: is already used on line 2 for employer 0403019261"])
        #expect(outcome.problems(onLine: 10) == ["-: row has 4 fields, the header has 10"])

        // Values are quoted in the messages, the NISS masked.
        let nissProblem = try #require(outcome.rejected.first?.first)
        #expect(nissProblem.value == "*********29")
        #expect(nissProblem.description == "followed_mixed_good_bad.csv:3: niss \"*********29\": check digits do not match")
        let allText = outcome.rejected.flatMap { $0 }.map(\.description).joined(separator: "\n")
        #expect(!allText.contains("850730"))
    }

    @Test func rightsWithBadValues() throws {
        let outcome = try CSVFixture.readAll("rights_bad_values.csv")
        #expect(outcome.records.map(\.line) == [4])
        #expect(outcome.problems(onLine: 2) == [
            "onss_number: check digits do not match",
            "year: is not a year from 2000 to 2100 (YYYY)",
            "days: is more than the 366 days of a year",
            "joint_committee: is not a joint committee code (like 200, 124.01 or 302.01.02)",
            "work_fraction: must be more than 0 and at most 1",
        ])
        #expect(outcome.problems(onLine: 3) == [
            "employer_bce: must start with 0 or 1",
            "action: is not an action: use create, update or delete",
            "days: is not a number (digits with at most 3 decimals after `.` or `,`)",
            "work_fraction: must be more than 0 and at most 1",
            "period_end: is before period_start 2025-06-01",
        ])
    }

    /// The validator judges NISS birth dates against its own day (one per export): the same row is refused
    /// before the birth the check digits give, and accepted from that day on.
    @Test func aNISSBornAfterTheValidatorsDayIsRefused() {
        var values = FieldValues()
        values[.niss] = "30080671019"   // check digits fit only a birth on 2030-08-06
        values[.employerBCE] = "0403019261"
        values[.year] = "2026"
        values[.days] = "5"
        values[.jointCommittee] = "200"
        values[.recordID] = "R1"
        func outcome(_ today: ReferenceDay) -> RecordValidator.Outcome {
            RecordValidator(file: "r.csv", today: today).validate(values, kind: .trainingRight, line: 2)
        }
        let before = outcome(ReferenceDay(year: 2026, month: 3, day: 15))
        #expect(before.record == nil)
        #expect(before.problems.map(\.description) == [
            "r.csv:2: niss \"*********19\": " + IdentifierError.birthDateInFuture.description,
        ])
        #expect(outcome(ReferenceDay(year: 2030, month: 8, day: 6)).record != nil)
    }

    @Test func aPeriodOutsideTheYearIsAProblem() throws {
        let directory = try TemporaryDirectory("flaflow-csv")
        let path = try directory.write("period.csv", """
            niss;employer_bce;year;days;joint_committee;period_start;period_end;record_id
            85073003328;0403019261;2025;5;200;2024-12-01;2026-01-31;P1
            """).path
        var reader = try CSVExportReader(path: path)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.problems(onLine: 2) == ["period_start: is not in year 2025", "period_end: is not in year 2025"])
    }

    /// Excel-style trailing delimiters give a column without a name: fine while it stays empty.
    @Test func aTrailingDelimiterColumnMustStayEmpty() throws {
        let directory = try TemporaryDirectory("flaflow-csv")
        let path = try directory.write("trailing.csv", """
            niss;employer_bce;year;days;joint_committee;record_id;
            85073003328;0403019261;2025;5;200;T1;
            85073003328;0403019261;2025;5;200;T2;stray
            85073003328;0403019261;2025;5;200;85073003328;
            85073003328;0403019261;2025;5;200;85073003328;
            """).path
        var reader = try CSVExportReader(path: path)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.records.map(\.line) == [2, 4])
        #expect(outcome.problems(onLine: 3) == ["column 7: has a value but no header name"])
        // A record id that is a NISS is masked in the message too.
        let duplicate = try #require(outcome.rejected.last?.first)
        #expect(duplicate.line == 5)
        #expect(duplicate.value == "*********28")
    }

    @Test func headerOnlyHasNoRecords() throws {
        let outcome = try CSVFixture.readAll("header_only.csv")
        #expect(outcome.records.isEmpty && outcome.rejected.isEmpty)
    }

    @Test(arguments: [
        ("bad_empty.csv", nil as Int?, "file is empty: no header row"),
        ("bad_unterminated_quote.csv", 3, "quoted field opened here is never closed"),
        ("bad_undecodable.csv", 3, "bytes that are not valid UTF-8 (the file was read as UTF-8)"),
        ("bad_nul.csv", 3, "NUL byte: this is not a text file"),
    ])
    func malformedFilesStopTheReading(name: String, line: Int?, reason: String) throws {
        let problem = try #require(try CSVFixture.fileProblem(name))
        #expect(problem.file == name)
        #expect(problem.line == line)
        #expect(problem.reason == reason)
    }

    @Test func recordsBeforeAMalformedLineAreDelivered() throws {
        var reader = try CSVFixture.reader("bad_nul.csv")
        guard case .record(let first) = try reader.next() else { Issue.record("expected a record"); return }
        #expect(first.line == 2)
        #expect(throws: RecordProblem.self) { try reader.next() }
    }

    @Test(arguments: [
        ("bad_unknown_columns.csv", "unknown columns \"Cost centre\", \"Manager\" (trainings followed columns are "
            + "niss, employer_bce, onss_number, record_id, action, training_name, start_date, end_date, duration, "
            + "duration_unit, followed, certificate, counts_for_fla, provider_bce); a mapping profile can map or "
            + "ignore vendor columns"),
        ("bad_mixed_kinds.csv", "the header mixes columns of training rights (year, days, joint_committee) and of "
            + "trainings followed (training_name): one record kind per file"),
        ("bad_missing_columns.csv", "missing required columns for trainings followed: end_date, duration_unit, followed"),
        ("bad_no_kind.csv", "cannot tell the record kind: the header has no column of training rights "
            + "(year, days, joint_committee) nor of trainings followed (training_name, start_date, ...)"),
    ])
    func headerProblems(name: String, reason: String) throws {
        let problem = try #require(try CSVFixture.fileProblem(name))
        #expect(problem.line == 1)
        #expect(problem.reason == reason)
    }

    @Test func aProfileCanIgnoreUnknownColumns() throws {
        let profile = ColumnProfile(name: "cc", ignore: ["cost_centre", "MANAGER"])
        let outcome = try CSVFixture.readAll("bad_unknown_columns.csv", profile: profile)
        #expect(outcome.records.count == 1)
    }

    /// A 50 MB line is generated here, not committed: it fails at the field limit, fast.
    @Test func aFiftyMegabyteLineIsAClearProblem() throws {
        let directory = try TemporaryDirectory("flaflow-csv")
        var text = "niss;employer_bce;year;days;joint_committee;record_id\n85073003328;"
        text += String(repeating: "9", count: 50_000_000)
        let path = try directory.write("huge.csv", text).path
        text = ""
        let started = ContinuousClock.now
        var reader = try CSVExportReader(path: path)
        #expect(throws: RecordProblem(file: "huge.csv", line: 2,
                                      reason: "a field of the record starting here is longer than 1048576 bytes")) {
            try reader.next()
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
