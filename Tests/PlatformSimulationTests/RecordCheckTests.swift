import PlatformSimulation
import SafeXML
import Testing
import TestSupport

@Suite("Record checks in NOTIFICATIONs")
struct RecordCheckTests {
    /// Submits one FI to INTEST and returns the NOTIFICATION's `Form`, after checking the ACRF accepted it.
    static func notification(for records: [String], maxAnomalies: Int = 1000) async throws -> XMLElement {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(maxAnomalies: maxAnomalies)
        try fixture.submit(try fixture.name(), documents: [FIText.document(records: records)])
        let verdict = try #require(try await simulator.processOnce().first)
        #expect(verdict.isAccepted, "record anomalies never reject the file: \(verdict)")
        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.map(\.type) == ["ACRF", "NOTI"])
        #expect(try answers[0].form().descendant("ReceptionResult", "ResultCode")?.text == "1")
        let form = try answers[1].form()
        #expect(form.descendant("HandledReference", "ReferenceNbr")?.text == verdict.ticket)
        return form
    }

    static func anomalies(_ form: XMLElement) -> [XMLElement] {
        form.child("HandlingResult")?.children(named: "AnomalyReport") ?? []
    }

    @Test("bad INSS check digits: NOK with a blocking anomaly that points at the record")
    func invalidINSS() async throws {
        let form = try await Self.notification(for: [
            FIText.trainingFollowed(id: "F1"),
            FIText.trainingRight(id: "R1"),
            FIText.trainingRight(id: "R2", inss: FIText.invalidINSS),
        ])
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "0")
        let reports = Self.anomalies(form)
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.childText("ErrorID") == "00011-155")
        #expect(report.childText("TagName") == "INSS")
        #expect(report.childText("Value") == FIText.invalidINSS)
        #expect(report.childText("AnomalyClass") == "B")
        // The second TrainingRight: TrainingFollowed elements are counted apart.
        #expect(Self.locatesItsRecord(report))
    }

    @Test("an INSS in a TrainingFollowed is checked too")
    func invalidINSSInTraining() async throws {
        let form = try await Self.notification(for: [
            FIText.trainingRight(id: "R1"),
            FIText.trainingFollowed(id: "F1"),
            FIText.trainingFollowed(id: "F2", inss: "85073003300"),
        ])
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "0")
        #expect(Self.anomalies(form).map { Self.locatesItsRecord($0) } == [true])
    }

    @Test("a joint committee starting with 999 is unknown: blocking")
    func unknownJointCommittee() async throws {
        let form = try await Self.notification(for: [FIText.trainingRight(id: "R1", jointCommittee: "999.01")])
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "0")
        let report = try #require(Self.anomalies(form).first)
        #expect(report.childText("TagName") == "JointCommittee")
        #expect(report.childText("Value") == "999.01")
        #expect(report.childText("AnomalyClass") == "B")
        #expect(report.childText("ErrorID") == "00032-018")
        #expect(Self.locatesItsRecord(report))
    }

    @Test("a training right of 0 days is a warning: OK with the anomaly")
    func zeroDaysWarning() async throws {
        let form = try await Self.notification(for: [
            FIText.trainingRight(id: "R1"),
            FIText.trainingRight(id: "R2", days: "0.000"),
        ])
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "1")
        let report = try #require(Self.anomalies(form).first)
        #expect(Self.anomalies(form).count == 1)
        #expect(report.childText("TagName") == "Days")
        #expect(report.childText("Value") == "0.000")
        #expect(report.childText("AnomalyClass") == "W")
        #expect(Self.locatesItsRecord(report))
    }

    @Test("days that are not zero raise nothing", arguments: ["0.5", "10", "0.001"])
    func nonZeroDays(days: String) async throws {
        let form = try await Self.notification(for: [FIText.trainingRight(id: "R1", days: days)])
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "1")
        #expect(Self.anomalies(form).isEmpty)
    }

    @Test("a warning and a blocking anomaly together make NOK; the report is capped but the result counts all")
    func mixedAndCapped() async throws {
        let form = try await Self.notification(for: [
            FIText.trainingRight(id: "R1", days: "0"),
            FIText.trainingRight(id: "R2", inss: FIText.invalidINSS, jointCommittee: "999"),
            FIText.trainingRight(id: "R3", inss: FIText.invalidINSS),
        ], maxAnomalies: 2)
        #expect(form.descendant("HandlingResult", "ResultCode")?.text == "0")
        #expect(Self.anomalies(form).map { $0.childText("AnomalyClass") } == ["W", "B"])
        // Diagnosis 3: refused for blocking anomalies.
        #expect(form.descendant("HandlingResult", "Diagnosis")?.text == "3")
    }

    /// The published shape: the FI line of the offending element, and the record's keys in `Path`.
    static func locatesItsRecord(_ report: XMLElement) -> Bool {
        guard let line = Int(report.descendant("AnomalyLocation", "LineNbr")?.text ?? ""), line > 10 else { return false }
        return report.descendant("Path", "INSS")?.text.count == 11 && report.descendant("Path", "CompanyID") != nil
    }
}
