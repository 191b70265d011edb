@testable import FLAFlow
import Foundation
import Identifiers
import Testing
import TestSupport

@Suite struct DuplicateRecordTests {
    static let employer = try! BCE(validating: "0403019261")
    static let otherEmployer = try! BCE(validating: "0411001173")

    @Test func anIDIsPerEmployerAndKindAndKeepsItsFirstLine() {
        var detector = DuplicateRecordDetector()
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "R1", line: 2) == nil)
        #expect(detector.register(kind: .trainingRight, employer: Self.otherEmployer, recordID: "R1", line: 3) == nil)
        #expect(detector.register(kind: .trainingFollowed, employer: Self.employer, recordID: "R1", line: 4) == nil)
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "R10", line: 5) == nil)
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "R1", line: 6) == 2)
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "R1", line: 7) == 2)
        #expect(detector.register(kind: .trainingFollowed, employer: Self.employer, recordID: "R1", line: 8) == 4)
        #expect(detector.count == 4)
    }

    /// IDs compare as Swift strings do: a precomposed and a decomposed `é` are one id.
    @Test func canonicallyEquivalentIDsAreOneID() {
        var detector = DuplicateRecordDetector()
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "caf\u{e9}", line: 2) == nil)
        #expect(detector.register(kind: .trainingRight, employer: Self.employer, recordID: "cafe\u{301}", line: 3) == 2)
    }

    /// Enough records to grow the table many times: none is taken for another, and each keeps its line.
    @Test func manyRecordsKeepTheirLinesAcrossGrowth() {
        var detector = DuplicateRecordDetector(memoryCapacity: 300_000)
        let count = 300_000
        var falseHits = 0
        for index in 0..<count where detector.register(kind: .trainingFollowed, employer: Self.employer,
                                                        recordID: "T\(index)", line: index + 2) != nil {
            falseHits += 1
        }
        #expect(falseHits == 0)
        #expect(detector.count == count)
        var wrongLines = 0
        for index in stride(from: 0, to: count, by: 7) {
            let earlier = detector.register(kind: .trainingFollowed, employer: Self.employer, recordID: "T\(index)",
                                            line: count + 2 + index)
            if earlier != index + 2 { wrongLines += 1 }
        }
        #expect(wrongLines == 0)
        #expect(detector.count == count)
    }

    /// Beyond what it holds in memory the detector still finds a repeat of a held record at once; repeats
    /// among the others come out at the end, each with the earliest line, and a second detector told of them
    /// rejects each in its place, so both readings agree with one that held everything.
    @Test func repeatsBeyondMemoryAreFoundAtTheEndThenInPlace() throws {
        let directory = try TemporaryDirectory("flaflow-spill")
        // Lines 2..41 hold T0..T39; then T2 (held), T30 (spilled) twice, T35 (spilled), a new T40.
        let ids = (0..<40).map { "T\($0)" } + ["T2", "T30", "T30", "T35", "T40"]
        func read(_ detector: inout DuplicateRecordDetector) -> [Int: Int] {
            var found: [Int: Int] = [:]
            for (index, id) in ids.enumerated() {
                if let earlier = detector.register(kind: .trainingRight, employer: Self.employer, recordID: id,
                                                   line: index + 2) { found[index + 2] = earlier }
            }
            return found
        }
        var everything = DuplicateRecordDetector(memoryCapacity: 1000)
        let truth = read(&everything)
        #expect(truth == [42: 4, 43: 32, 44: 32, 45: 37])
        #expect(try everything.lateDuplicates(file: "x").isEmpty)

        var first = DuplicateRecordDetector(memoryCapacity: 10, scratchDirectory: directory.path)
        #expect(read(&first) == [42: 4])
        let late = try first.lateDuplicates(file: "x")
        #expect(late.count == 3)
        var second = DuplicateRecordDetector(memoryCapacity: 10, scratchDirectory: directory.path, knownDuplicates: late)
        #expect(read(&second) == truth)
        #expect(try second.lateDuplicates(file: "x").isEmpty)
        // The scratch files are unnamed: nothing is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// The spill compares its files in slices when they are big; slicing finds exactly what one pass would.
    @Test func theSpillFindsTheSameRepeatsWhateverItsSlices() throws {
        let directory = try TemporaryDirectory("flaflow-slices")
        var generator = SystemRandomNumberGenerator()
        let fingerprints = (0..<20_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        // Every 97th entry repeats one from earlier.
        let entries = fingerprints.enumerated().map { index, fingerprint in
            index % 97 == 96 ? fingerprints[index / 3] : fingerprint
        }
        var expected: [Int: Int] = [:]
        var firstLine: [UInt64: Int] = [:]
        for (index, fingerprint) in entries.enumerated() {
            if let line = firstLine[fingerprint] { expected[index + 1] = line } else { firstLine[fingerprint] = index + 10 }
        }
        #expect(expected.count > 100)
        for slice in [100, 1_000, 1_000_000] {
            let spill = FingerprintSpill(directory: directory.path, sliceEntries: slice)
            for (index, fingerprint) in entries.enumerated() {
                spill.append(fingerprint, registration: index + 1, line: index + 10)
            }
            #expect(try spill.repeats() == expected, "slices of \(slice)")
        }
    }

    /// End to end through the CSV reader, with the memory of checked values in play: a bad value between two
    /// good copies of it is reported on its own row only.
    @Test func theReaderReportsDuplicatesAndRechecksRepeatedValues() throws {
        let directory = try TemporaryDirectory("flaflow-duplicates")
        var text = "niss;employer_bce;year;days;joint_committee;record_id\n"
        for index in 0..<20_000 {
            let id = index % 1000 == 999 ? "R\(index - 500)" : "R\(index)"
            // Rows 5000-5002: a valid employer, a wrong one, the valid one written differently.
            let employer = index == 5001 ? "0403019262" : (index == 5002 ? "0403.019.261" : "0403019261")
            let committee = index == 7001 ? "20" : "200"
            let niss = index == 9001 ? "85073003329" : "85073003328"
            text += "\(niss);\(employer);2025;5;\(committee);\(id)\n"
        }
        let path = try directory.write("dups.csv", text).path
        var reader = try CSVExportReader(path: path)
        let outcome = try CSVFixture.readAll(&reader)
        #expect(outcome.records.count == 20_000 - 20 - 3)
        let duplicateLines = (0..<20).map { 1000 * $0 + 999 + 2 }
        #expect(outcome.rejectedLines == (duplicateLines + [5003, 7003, 9003]).sorted())
        #expect(outcome.problems(onLine: 1001) == ["record_id: is already used on line 501 for employer 0403019261"])
        #expect(outcome.problems(onLine: 20_001) == ["record_id: is already used on line 19501 for employer 0403019261"])
        #expect(outcome.problems(onLine: 5003) == ["employer_bce: check digits do not match"])
        #expect(outcome.problems(onLine: 7003)
                == ["joint_committee: is not a joint committee code (like 200, 124.01 or 302.01.02)"])
        #expect(outcome.problems(onLine: 9003) == ["niss: check digits do not match"])
        #expect(outcome.records.map(\.line).contains(5004))
    }
}
