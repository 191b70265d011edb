import FLAFlow
import Foundation
import Testing
import TestSupport

/// Labels (training names, record ids) must be writable in the FI exactly as its schema wants them.
@Suite struct CSVLabelTests {
    private func read(_ csv: String) throws -> CSVFixture.Outcome {
        let dir = try TemporaryDirectory("labels")
        var reader = try CSVExportReader(path: try dir.write("labels.csv", csv).path, displayName: "labels.csv")
        return try CSVFixture.readAll(&reader)
    }

    private let header = "niss;employer_bce;record_id;training_name;start_date;end_date;duration;duration_unit;followed\n"

    @Test func lineBreaksAndRunsOfSpaceInATrainingNameBecomeOneSpace() throws {
        let outcome = try read(header + "85073003328;0403170701;T1;\"Excel  avancé\r\n(deux\tjours) \";2026-01-05;2026-01-06;2;days;yes\n")
        guard case .trainingFollowed(let training)? = outcome.records.first?.record else {
            Issue.record("expected one training, got \(outcome.rejected)"); return
        }
        #expect(training.trainingName == "Excel avancé (deux jours)")
    }

    /// Folding a line break or tab changes what is sent: the record goes, with a warning naming line and field.
    /// Spaces alone are padding, folded without a word.
    @Test func aFoldedLineBreakOrTabIsAWarning() throws {
        let outcome = try read(header
            + "85073003328;0403170701;T1;\"Excel\navancé\";2026-01-05;2026-01-06;2;days;yes\n"
            + "85073003328;0403170701;T2;\"Excel\tavancé\";2026-01-05;2026-01-06;2;days;yes\n"
            + "85073003328;0403170701;T3; Excel   avancé ;2026-01-05;2026-01-06;2;days;yes\n")
        #expect(outcome.rejected.isEmpty)
        #expect(outcome.records.map { $0.warnings.map(\.description) } == [
            ["labels.csv:2: training_name \"Excel avancé\": held a line break or tab: it is sent with one space in its place"],
            ["labels.csv:4: training_name \"Excel avancé\": held a line break or tab: it is sent with one space in its place"],
            [],
        ])
    }

    @Test func aControlCharacterIsRefusedWhereItWouldBreakTheFI() throws {
        let outcome = try read(header
            + "85073003328;0403170701;T1;\"Bell\u{07}\";2026-01-05;2026-01-06;2;days;yes\n"
            + "85073003328;0403170701;\"T\n2\";Name;2026-01-05;2026-01-06;2;days;yes\n")
        #expect(outcome.records.isEmpty)
        #expect(outcome.problems(onLine: 2) == ["training_name: must be 1 to 200 characters without control characters"])
        #expect(outcome.problems(onLine: 3)
            == ["record_id: must be 1 to 100 characters, without line breaks, tabs or control characters"])
    }

    @Test func lengthsAreCountedAsTheSchemaCountsThem() throws {
        // 200 "é" written decomposed are 400 code points: too long for the schema, though 200 characters.
        let decomposed = String(repeating: "e\u{301}", count: 200)
        let outcome = try read(header + "85073003328;0403170701;T1;\(decomposed);2026-01-05;2026-01-06;2;days;yes\n")
        #expect(outcome.records.isEmpty)
        #expect(outcome.rejectedLines == [2])
    }

    @Test func aYearOutsideAPlausibleRangeIsRefused() throws {
        let outcome = try read("niss;employer_bce;year;days;joint_committee;record_id\n"
            + "85073003328;0403170701;1026;5;200;R1\n85073003328;0403170701;2026;5;200;R2\n")
        #expect(outcome.records.count == 1)
        #expect(outcome.problems(onLine: 2) == ["year: is not a year from 2000 to 2100 (YYYY)"])
    }

    /// Dates keep to the years `year` allows: 0001 or 9999 is a typo, and would be sent as such.
    @Test func aDateOutsideThePlausibleYearsIsRefusedWithFileLineAndField() throws {
        let outcome = try read(header
            + "85073003328;0403170701;T1;Excel;0001-01-05;31/12/9999;2;days;yes\n"
            + "85073003328;0403170701;T2;Excel;2000-01-01;31/12/2100;2;days;yes\n"
            + "85073003328;0403170701;T3;Excel;1999-12-31;2026-01-06;2;days;yes\n")
        #expect(outcome.records.map(\.line) == [3])
        #expect(outcome.rejected.first?.map(\.description) == [
            "labels.csv:2: start_date \"0001-01-05\": is not a date from 2000 to 2100",
            "labels.csv:2: end_date \"31/12/9999\": is not a date from 2000 to 2100",
        ])
        #expect(outcome.problems(onLine: 4) == ["start_date: is not a date from 2000 to 2100"])

        let rights = try read("niss;employer_bce;year;days;joint_committee;period_start;period_end;record_id\n"
            + "85073003328;0403170701;2026;5;200;0001-01-01;2026-12-31;R1\n")
        #expect(rights.problems(onLine: 2) == ["period_start: is not a date from 2000 to 2100"])
    }
}
