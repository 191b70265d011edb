import BatchFormat
import FLAFlow
import Identifiers
import SafeXML
import Testing
import TestSupport

@Suite struct XMLExportReaderTests {
    private typealias F = XMLFixtures

    private func readAll(_ fixture: String) throws -> [ExportItem] {
        var reader = try XMLExportReader(path: F.path(fixture), displayName: fixture)
        var items: [ExportItem] = []
        while let item = try reader.next() { items.append(item) }
        return items
    }

    private func records(_ items: [ExportItem]) -> [SourcedRecord] {
        items.compactMap { if case .record(let record) = $0 { return record } else { return nil } }
    }

    private func rejections(_ items: [ExportItem]) -> [[String]] {
        items.compactMap { if case .rejected(let problems) = $0 { return problems.map(\.description) } else { return nil } }
    }

    @Test func readsEveryRecordOfAGoodExportWithItsLine() throws {
        let items = try readAll("export-good.xml")
        #expect(rejections(items).isEmpty)
        #expect(records(items) == [
            SourcedRecord(record: .trainingRight(TrainingRight(
                niss: F.niss("85073003328"), employer: F.bce("0403123486"),
                onssNumber: try ONSSNumber(validating: "012345674"), year: 2025, days: DecimalValue(thousandths: 5000),
                jointCommittee: JointCommittee("200")!, recordID: "TR-2025-0001")), line: 4),
            SourcedRecord(record: .trainingFollowed(TrainingFollowed(
                niss: F.niss("05031500192"), employer: F.bce("0403123486"), recordID: "TF-77", action: .update,
                trainingName: "Sécurité & prévention <niveau 2>", startDate: F.date("2025-03-10"),
                endDate: F.date("2025-03-11"), duration: DecimalValue(thousandths: 7500), durationUnit: .hours,
                followed: true, certificate: false, countsForFLA: false, provider: F.bce("1234567894"))), line: 13),
            SourcedRecord(record: .trainingRight(TrainingRight(
                niss: F.niss("85223004524"), employer: F.bce("0875432126"), year: 2025,
                days: DecimalValue(thousandths: 2500), jointCommittee: JointCommittee("302.01.02")!,
                workFraction: DecimalValue(thousandths: 500), periodStart: F.date("2025-01-01"),
                periodEnd: F.date("2025-06-30"), recordID: "TR-2025-0002", action: .delete)), line: 28),
            SourcedRecord(record: .trainingFollowed(TrainingFollowed(
                niss: F.niss("90010112395"), employer: F.bce("0403123486"), recordID: "TF-78",
                trainingName: "Excel", startDate: F.date("2025-04-01"), endDate: F.date("2025-04-01"),
                duration: DecimalValue(thousandths: 1000), durationUnit: .days, followed: true)), line: 40),
        ])
    }

    @Test func theGoodExportIsValidForTheExportSchema() throws {
        let validator = try XSDValidator(schemaAt: FLASchemas.exportSchemaPath)
        #expect(validator.validate(fileAt: F.path("export-good.xml")) == [])
        try Command.check("xmllint", ["--noout", "--schema", FLASchemas.exportSchemaPath, F.path("export-good.xml")])
    }

    @Test func rejectsBadRecordsOneByOneWithFieldLines() throws {
        let items = try readAll("export-mixed.xml")
        #expect(items.count == 6)
        #expect(records(items).map(\.record.recordID) == ["R1", "F2"])
        #expect(records(items).map(\.line) == [3, 30])
        #expect(rejections(items) == [
            [
                "export-mixed.xml:18: foo: is not a field of training rights",
                "export-mixed.xml:12: niss \"*********29\": check digits do not match",
                "export-mixed.xml:16: days \"abc\": is not a number (digits with at most 3 decimals after `.` or `,`)",
            ],
            [
                "export-mixed.xml:20: training_name: is required",
                "export-mixed.xml:25: end_date \"2025-05-01\": is before start_date 2025-05-02",
                "export-mixed.xml:26: duration \"0\": must be more than 0",
                "export-mixed.xml:27: duration_unit \"weeks\": is not a duration unit: use hours or days",
            ],
            [
                "export-mixed.xml:45: record_id \"R1\": is already used on line 3 for employer 0403123486",
            ],
            [
                "export-mixed.xml:50: source: attributes are not used on <training_right>",
                "export-mixed.xml:55: days: must hold text only, not elements",
                "export-mixed.xml:57: year: appears twice (first on line 54)",
            ],
        ])
    }

    @Test func judgesValuesExactlyAsTheCSVReaderDoes() throws {
        // The same bad training right, once as CSV and once as XML: the same fields, values and reasons.
        let directory = try TemporaryDirectory()
        let csv = try directory.write("rights.csv", """
        niss;employer_bce;record_id;year;days;joint_committee;work_fraction;period_start
        85073003329;0403123480;R1;25;-1;2000;1,5;2024-01-01
        """)
        let xml = try directory.write("rights.xml", """
        <fla_export><training_right><niss>85073003329</niss><employer_bce>0403123480</employer_bce>
        <record_id>R1</record_id><year>25</year><days>-1</days><joint_committee>2000</joint_committee>
        <work_fraction>1,5</work_fraction><period_start>2024-01-01</period_start></training_right></fla_export>
        """)
        var csvReader = try CSVExportReader(path: csv.path)
        var xmlReader = try XMLExportReader(path: xml.path)
        guard case .rejected(let fromCSV)? = try csvReader.next(), case .rejected(let fromXML)? = try xmlReader.next() else {
            Issue.record("both records should be rejected")
            return
        }
        func essence(_ problems: [RecordProblem]) -> [String] {
            problems.map { "\($0.field ?? "") \($0.value ?? "") \($0.reason)" }
        }
        #expect(fromXML.count >= 5)
        #expect(essence(fromXML) == essence(fromCSV))
    }

    @Test func aTruncatedExportDeliversItsCompleteRecordsThenFails() throws {
        var reader = try XMLExportReader(path: F.path("export-truncated.xml"), displayName: "export-truncated.xml")
        let first = try reader.next()
        guard case .record(let record)? = first else { Issue.record("expected the first record"); return }
        #expect(record.record.recordID == "R1")
        #expect { _ = try reader.next() } throws: { error in
            let problem = error as? RecordProblem
            return problem?.description == "export-truncated.xml:13: the document ends inside <employer_bce>: it is truncated"
        }
    }

    @Test func refusesADoctypeBeforeReadingAnything() throws {
        #expect {
            _ = try XMLExportReader(path: F.path("export-xxe.xml"), displayName: "export-xxe.xml")
        } throws: { error in
            (error as? RecordProblem)?.description
                == "export-xxe.xml:2: DOCTYPE declarations are not accepted (no DTD, entity or external reference is processed)"
        }
    }

    @Test func refusesAnotherRootOrAnUnknownRecordElement() throws {
        #expect {
            _ = try XMLExportReader(path: F.path("export-wrong-root.xml"), displayName: "export-wrong-root.xml")
        } throws: { error in
            (error as? RecordProblem)?.description
                == "export-wrong-root.xml:2: the root element is <export>: a canonical export starts with <fla_export>"
        }
        var reader = try XMLExportReader(path: F.path("export-unknown-record.xml"), displayName: "x.xml")
        guard case .record? = try reader.next() else { Issue.record("expected the first record"); return }
        #expect { _ = try reader.next() } throws: { error in
            (error as? RecordProblem)?.description == "x.xml:11: <trainingright> is not a record: <fla_export> holds "
                + "<training_right> and <training_followed> elements"
        }
    }

    @Test func refusesAnUnsupportedVersion() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("v2.xml", "<fla_export version=\"2\"></fla_export>")
        #expect { _ = try XMLExportReader(path: file.path, displayName: "v2.xml") } throws: { error in
            (error as? RecordProblem)?.description == "v2.xml:1: version \"2\": is not supported: this fladaemon reads version 1"
        }
    }

    /// A line break inside <training_name> is folded as in CSV, and the warning points at that element's line.
    @Test func aFoldedLineBreakIsAWarningOnTheFieldsLine() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("names.xml", """
            <fla_export version="1">
              <training_followed>
                <niss>85073003328</niss><employer_bce>0403170701</employer_bce><record_id>T1</record_id>
                <training_name>Excel
            avancé</training_name>
                <start_date>2026-01-05</start_date><end_date>2026-01-06</end_date><duration>2</duration>
                <duration_unit>days</duration_unit><followed>yes</followed>
              </training_followed>
            </fla_export>
            """)
        var reader = try XMLExportReader(path: file.path, displayName: "names.xml")
        guard case .record(let record)? = try reader.next() else { Issue.record("expected a record"); return }
        #expect(record.warnings.map(\.description)
            == ["names.xml:4: training_name \"Excel avancé\": held a line break or tab: it is sent with one space in its place"])
    }

    @Test func anEmptyExportHasNoRecords() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("empty.xml", "<?xml version=\"1.0\"?>\n<fla_export/>\n")
        var reader = try XMLExportReader(path: file.path)
        #expect(try reader.next() == nil)
    }
}
