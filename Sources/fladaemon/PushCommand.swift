import ArgumentParser
import Foundation
import Journal
import Logging
import Stages
import Transport

/// `fladaemon push [ID...]`: uploads prepared (or interrupted) submissions, GO last, exactly once.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Upload prepared submissions to the SFTP server.",
        discussion: "Without ids, every prepared submission and every upload that was cut is delivered. One SSH session serves them all.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "Submission ids (default: all prepared or interrupted).") var ids: [Int64] = []

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        let logger = Logger(label: "fladaemon.push")
        let pending = ids.isEmpty ? try journal.submissions(in: [.uploading, .prepared]).compactMap(\.id) : ids
        if pending.isEmpty { print("nothing to push"); return }
        let client = try ChannelConnection.open(try ChannelConnection.require(settings), logger: logger)
        defer { client.close() }
        let uploader = SubmissionUploader(client: client, journal: journal, logger: logger)
        var failures = 0
        for id in pending {
            do {
                let sent = try uploader.deliver(id)
                print("submission \(id): \(sent.state.rawValue) \(sent.goName)")
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("submission \(id): not sent: \(error)\n".utf8))
                // A permanent refusal (host key, key, permission) will not get better with the next id.
                if let transport = error as? TransportError, !transport.isTransient { break }
                if !client.isUsable { break }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
