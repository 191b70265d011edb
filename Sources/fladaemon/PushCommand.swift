import ArgumentParser
import Delivery
import Foundation
import Journal
import Logging
import Stages
import Synchronization
import Transport

/// `fladaemon push [ID...]`: uploads prepared (or interrupted) submissions, GO last, exactly once.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Upload prepared submissions to the SFTP server.",
        discussion: "Without ids, every prepared submission and every upload that was cut is delivered. One SSH session serves them all, sftp.parallel_uploads at a time.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "Submission ids (default: all prepared or interrupted).") var ids: [Int64] = []

    func run() async throws {
        let (settings, journal, lock) = try await options.loadLocked(for: "push") { _ in
            "it uploads prepared submissions by itself (see `fladaemon status`)"
        }
        defer { lock.release() }
        let logger = Logger(label: "fladaemon.push")
        let pending = ids.isEmpty ? try journal.submissions(in: [.uploading, .prepared]).compactMap(\.id) : ids
        if pending.isEmpty { print("nothing to push"); return }
        let sftp = try ChannelConnection.require(settings)
        let client = try ChannelConnection.open(sftp, logger: logger)
        defer { client.close() }
        let failures = Atomic<Int>(0)
        let notStarted = try ParallelDelivery(client: client, journal: journal, width: sftp.parallelUploads, logger: logger)
            .deliver(pending) { id, result in
                switch result {
                case .success(let sent):
                    print("submission \(id): \(sent.state.rawValue) \(sent.goName)")
                    return .proceed
                case .failure(let error):
                    failures.add(1, ordering: .relaxed)
                    let verdict = FailureVerdict(error)
                    // The same rule as the daemon's upload stage: only a fault of this submission alone stops it.
                    if verdict == .stopItem {
                        _ = try? journal.transition(id, to: .failed, detail: "upload: \(error)")
                    }
                    let kept = verdict == .stopItem ? "stopped (failed)" : "kept for a later attempt"
                    FileHandle.standardError.write(Data("submission \(id): not sent, \(kept): \(error)\n".utf8))
                    return verdict.othersMayProceed ? .proceed : .stop
                }
            }
        if !notStarted.isEmpty {
            FileHandle.standardError.write(Data("not tried: \(notStarted.map(String.init).joined(separator: " "))\n".utf8))
        }
        if failures.load(ordering: .relaxed) > 0 || !notStarted.isEmpty { throw ExitCode(1) }
    }
}
