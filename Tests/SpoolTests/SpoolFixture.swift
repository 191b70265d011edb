import Faults
import Foundation
import Journal
import Logging
import Spool
import TestSupport

/// A spool in a fresh temporary folder with a real SQLite journal beside it.
final class SpoolFixture: Sendable {
    let directory: TemporaryDirectory
    let layout: SpoolLayout
    let journal: Journal
    let log = LogCapture()

    init(spoolRoot: String? = nil, journalPath: String? = nil) throws {
        directory = try TemporaryDirectory("fladaemon-spool")
        layout = SpoolLayout(root: spoolRoot ?? directory.file("spool").path)
        try layout.create()
        journal = try Journal(path: journalPath ?? directory.file("journal/journal.sqlite").path)
    }

    func intake(settle: Duration = .milliseconds(200),
                backoff: PauseBackoff = PauseBackoff(initial: .milliseconds(100), maximum: .milliseconds(400)))
        -> Intake {
        Intake(layout: layout, journal: journal, settle: settle, backoff: backoff, logger: log.logger)
    }

    func incoming(_ name: String) -> String { "\(layout.incoming)/\(name)" }

    /// Writes a complete file outside `incoming/` and renames it in, the recommended way.
    @discardableResult
    func dropByRename(_ name: String, _ contents: String) throws -> String {
        let staging = directory.file("staging-\(UUID().uuidString)").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: staging))
        guard rename(staging, incoming(name)) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return incoming(name)
    }

    /// Runs `intake.run` in a task; the returned task is cancelled by the caller.
    func start(_ intake: Intake, recorder: ClaimRecorder) -> Task<Void, any Error> {
        Task { try await intake.run(onClaimed: recorder.handler) }
    }
}
