import Testing
@testable import BatchFormat

@Suite struct SubmissionNameTests {
    static let date = CalendarDate(year: 2025, month: 3, day: 7)!

    static func name(sequence: Int = 42, environment: BatchEnvironment = .production, parts: Int = 1) throws -> SubmissionName {
        try SubmissionName(flow: FlowCode("FLAX"), sender: SenderNumber("123456"), date: date,
                           sequence: sequence, environment: environment, parts: parts)
    }

    @Test func rendersEveryFileNameOfTheSpec() throws {
        let name = try Self.name()
        #expect(name.fi().text == "FI.FLAX.123456.20250307.00042.R.1.1")
        #expect(name.fs().text == "FS.FLAX.123456.20250307.00042.R.1.1")
        #expect(name.go.text == "GO.FLAX.123456.20250307.00042.R.1")
        #expect(name.td.text == "TD.FLAX.123456.20250307.00042.R.1")
        #expect("\(name.fi())" == "FI.FLAX.123456.20250307.00042.R.1.1")
        #expect(try Self.name(sequence: 99_999, environment: .declarationTest, parts: 3).fi(part: 2).text
            == "FI.FLAX.123456.20250307.99999.S.3.2")
        #expect(try Self.name(sequence: 1, environment: .test).go.text == "GO.FLAX.123456.20250307.00001.T.1")
    }

    @Test(arguments: [0, -1, 100_000])
    func refusesSequenceOutOfRange(_ sequence: Int) {
        #expect { try Self.name(sequence: sequence) } throws: { ($0 as? BatchNameError)?.part == .sequence }
    }

    @Test(arguments: [0, 10])
    func refusesPartsOutOfRange(_ parts: Int) {
        #expect { try Self.name(parts: parts) } throws: { ($0 as? BatchNameError)?.part == .parts }
    }

    @Test func flowAndSenderAreChecked() {
        for bad in ["FLA", "FLAXX", "flax", "FL-X", "FLÀX", ""] {
            #expect(throws: BatchNameError.self, "\(bad)") { try FlowCode(bad) }
        }
        for bad in ["12345", "1234567", "12345A", "", "１２３４５６"] {
            #expect(throws: BatchNameError.self, "\(bad)") { try SenderNumber(bad) }
        }
        #expect(throws: Never.self) { _ = try FlowCode("DMFA"); _ = try FlowCode("AB12"); _ = try SenderNumber("000123") }
    }

    @Test func dateMustNotBeInTheFutureNorTooOld() throws {
        let name = try Self.name()
        try name.validate(today: Self.date, maxAgeDays: 0)
        try name.validate(today: CalendarDate(year: 2025, month: 4, day: 6)!, maxAgeDays: 30)
        let yesterday = CalendarDate(year: 2025, month: 3, day: 6)!
        #expect(throws: BatchNameError(name: name.go.text, problem: .dateInFuture(Self.date, today: yesterday))) {
            try name.validate(today: yesterday, maxAgeDays: 30)
        }
        let later = CalendarDate(year: 2025, month: 4, day: 7)!
        #expect(throws: BatchNameError(name: name.go.text, problem: .dateTooOld(Self.date, today: later, maxAgeDays: 30))) {
            try name.validate(today: later, maxAgeDays: 30)
        }
    }

    @Test func siblingKeepsThePart() throws {
        let fo = try BatchFileName(parsing: "FO.ACRF.999999.20250307.00017.R.1.1")
        #expect(fo.sibling(.go).text == "GO.ACRF.999999.20250307.00017.R.1")
        #expect(fo.sibling(.fs).text == "FS.ACRF.999999.20250307.00017.R.1.1")
    }
}
