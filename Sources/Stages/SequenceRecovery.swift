import BatchFormat
import Journal
import Logging
import Settings
import Spool
import Transport

/// Rebuilds the journal's sequence floors after it was lost or restored from a backup: every name of
/// ours that the spool's archive holds, and those still in the server's IN folder when it can be
/// reached, become the floor below which no sequence is handed out; the export numbering is raised
/// above every export folder. Run with the channel lock held (never beside the daemon).
public struct SequenceRecovery {
    /// What was found and done.
    public struct Outcome: Sendable {
        public let recovery: Journal.FloorRecovery
        /// Where the evidence came from, as recorded in the journal's event.
        public let source: String
        /// Why the server's listing could not be used (the archive alone was), if it could not.
        public let serverProblem: String?
    }

    let settings: FladaemonSettings
    let journal: Journal
    let logger: Logger

    public init(settings: FladaemonSettings, journal: Journal, logger: Logger) {
        self.settings = settings
        self.journal = journal
        self.logger = logger
    }

    /// Gathers the evidence (the server's too unless `offline`) and raises the floors to it.
    public func run(offline: Bool) throws -> Outcome {
        let sender = settings.channel.sender.text
        let layout = SpoolLayout(root: settings.spool.root)
        var evidence = try ArchiveEvidence.gather(in: layout, sender: sender)
        var sources = ["the archive \(layout.archive) (\(evidence.nameCount) name(s))"]
        var serverProblem: String?
        if offline {
            sources.append("not the server (--offline)")
        } else if let sftp = settings.sftp {
            let folder = settings.channel.environment.inFolder
            do {
                let remote = try serverEvidence(sftp, folder: folder, sender: sender)
                evidence.merge(remote)
                sources.append("\(folder) on \(sftp.host):\(sftp.port) (\(remote.nameCount) name(s))")
            } catch {
                serverProblem = "\(error)"
                sources.append("not the server (\(sftp.host):\(sftp.port) could not be listed: \(error))")
            }
        } else {
            sources.append("not the server (no sftp.host configured)")
        }
        let source = sources.joined(separator: ", ")
        let recovery = try journal.raiseFloors(to: evidence, source: source)
        return Outcome(recovery: recovery, source: source, serverProblem: serverProblem)
    }

    /// Our names still in the server's IN folder, an upload's temporary names included (`tmp-<name>-<attempt>`).
    private func serverEvidence(_ sftp: SFTPSettings, folder: String, sender: String) throws -> SequenceEvidence {
        let client = try ChannelConnection.open(sftp, logger: logger)
        defer { client.close() }
        var evidence = SequenceEvidence()
        for entry in try client.list(directory: folder).entries {
            var name = Substring(entry.name.value)
            if name.hasPrefix("tmp-") {
                name = name.dropFirst(4)
                if let dash = name.lastIndex(of: "-") { name = name[..<dash] }
            }
            evidence.note(name: String(name), sentBy: sender, place: "\(folder) on \(sftp.host)")
        }
        return evidence
    }
}
