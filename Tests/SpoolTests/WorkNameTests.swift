import Foundation
import Testing
@testable import Spool

@Suite struct WorkNameTests {
    @Test func carriesTimeRandomAndOriginalNameAndReadsBack() throws {
        let date = Date(timeIntervalSince1970: 1_768_472_100) // 2026-01-15 10:15:00 UTC
        let name = WorkName(sourceName: "pay-roll 2026.csv", claimedAt: date)
        #expect(name.text.hasPrefix("20260115T101500Z-"))
        #expect(name.text.hasSuffix("-pay-roll 2026.csv"))
        let parsed = WorkName(parsing: name.text)
        #expect(parsed.sourceName == "pay-roll 2026.csv")
        #expect(parsed.claimedAt == date)
        #expect(WorkName(sourceName: "a", claimedAt: date).text != WorkName(sourceName: "a", claimedAt: date).text)
    }

    @Test(arguments: ["payroll.csv", "2026-01-15-payroll.csv", "20260115T101500Z-zzzzzz-a.csv",
                      "20261315T101500Z-abcdef-a.csv", "20260115T101500Z-abcdef-"])
    func aNameNotMadeByIntakeIsTakenWhole(_ text: String) {
        let parsed = WorkName(parsing: text)
        #expect(parsed.sourceName == text)
        #expect(parsed.claimedAt == nil)
    }

    @Test func longNamesAreShortenedToFitTheFileSystem() {
        let long = String(repeating: "ü", count: 150) + ".csv"
        let name = WorkName(sourceName: long)
        #expect(name.text.utf8.count <= 255)
        #expect(name.sourceName.hasSuffix(".csv"))
        #expect(WorkName(parsing: name.text).sourceName == name.sourceName)
    }
}
