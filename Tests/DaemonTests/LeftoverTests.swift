import Foundation
import Journal
import Testing
import TestSupport

/// What a killed process leaves behind is cleared the next time, and nothing else is touched.
@Suite struct LeftoverTests {
    /// A download is written to `.<name>.part-<8 hex>` beside its target and renamed once complete: a
    /// kill mid-download leaves that file, which the daemon's next start (or a `fetch`) removes.
    @Test func partialDownloadsLeftByAKillAreRemovedAtTheNextStart() async throws {
        try await DaemonHarness.with { harness in
            let answers = harness.spool + "/archive/answers"
            try FileManager.default.createDirectory(atPath: answers, withIntermediateDirectories: true)
            let partial = ".FO.ACRF.999999.20261204.00001.T.part-1A2B3C4D"
            let partialSignature = ".FS.ACRF.999999.20261204.00001.T.part-9F8E7D6C"
            // An answer stored whole, and names that only look alike, stay.
            let kept = ["FO.ACRF.999999.20261203.00007.T", ".FO.ACRF.999999.20261204.00002.T.part-notours", "notes.part-1A2B3C4D"]
            for name in [partial, partialSignature] + kept {
                try Data("<ACRF>".utf8).write(to: URL(fileURLWithPath: answers + "/" + name))
            }
            try await harness.startReadyDaemon()
            try await harness.eventually("the partial downloads are removed") {
                !FileManager.default.fileExists(atPath: answers + "/" + partial)
                    && !FileManager.default.fileExists(atPath: answers + "/" + partialSignature)
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: answers).sorted()
            #expect(left == kept.sorted())
            #expect(harness.logLines(containing: "left by an interrupted download").count == 2)
            #expect(try await harness.stopDaemon() == .exited(0))

            // `fetch` clears them too before it downloads.
            try Data("<ACRF>".utf8).write(to: URL(fileURLWithPath: answers + "/" + partial))
            let fetch = try harness.command("fetch")
            #expect(fetch.status == 0, "\(fetch.stdout)\(fetch.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: answers).sorted() == kept.sorted())
        }
    }
}
