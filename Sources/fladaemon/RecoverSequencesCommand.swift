import ArgumentParser
import Foundation
import Journal
import Logging
import Stages

/// `fladaemon recover-sequences`: after the journal was lost or restored from a backup, raises its
/// sequence floors above every name the spool's archive (and the server's IN folder) shows as used,
/// so no name is sent twice (code 133). The daemon refuses to start until this was done.
struct RecoverSequencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover-sequences",
        abstract: "Rebuild the journal's sequence floors from the spool's archive and the server after the journal was lost or restored.",
        discussion: """
            Every FI, FS and GO name of the channel's sender found under the spool's archive, and in the \
            server's IN folder when it can be reached, raises the floor of its date and environment: no \
            sequence at or below it is handed out again. Exports are numbered above every archived one. What was \
            found and where is recorded as an event in the journal (created if missing). Takes the channel lock: \
            stop the daemon first.
            """)

    @OptionGroup var options: ConfigOption
    @Flag(help: "Use the archive alone; do not list the server's IN folder.") var offline = false

    func run() async throws {
        let (settings, journal, lock) = try await options.loadLocked(for: "recover-sequences") { _ in
            "the sequence floors can only be rebuilt while nothing hands out names"
        }
        defer { lock.release() }
        let outcome = try SequenceRecovery(settings: settings, journal: journal,
                                           logger: Logger(label: "fladaemon.recover-sequences")).run(offline: offline)
        print("looked at \(outcome.source)")
        if outcome.recovery.raised.isEmpty {
            print("no floor raised: the journal is already above every name found")
        }
        for raise in outcome.recovery.raised {
            let key = raise.key
            print("\(key.nameDate) \(key.environment) sender \(key.sender): sequences continue above "
                  + "\(raise.sighting.name) (\(raise.sighting.place)); the journal had reached \(raise.from)")
        }
        if let id = outcome.recovery.exportIDRaisedTo { print("exports are numbered from \(id + 1)") }
        if let problem = outcome.serverProblem {
            FileHandle.standardError.write(Data("""
                warning: the server's IN folder could not be listed (\(problem)): the floors come from the archive \
                alone; run this again once the server is reachable to count the names still there

                """.utf8))
        }
        print("recorded in \(journal.path): the daemon can start")
    }
}
