import ArgumentParser
import BatchFormat
import Conversion
import FLAFlow
import Foundation
import Journal
import Settings
import Spool

/// `fladaemon convert EXPORT --out DIR`: one export to submission files, offline.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn one CSV or XML export into named, validated and signed FI/FS/GO files.",
        discussion: """
            Every submission is recorded in the journal in state "prepared" with a sequence number that is never \
            handed out again. Exits non-zero, with a report naming file, line, field and reason, when the export \
            cannot be sent.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The export: CSV, canonical export XML or a formed FI document.") var export: String
    @Option(help: "Folder for the submission files and the report.") var out: String
    @Flag(help: "Convert even if the same content was converted before.") var force = false
    @Flag(help: "Send the valid records of an export that has invalid ones (the report lists the rest).")
    var sendValidRecords = false
    @Option(help: "Column-mapping profile for vendor CSV headers (from the configuration).") var profile: String?

    func validate() throws {
        try OutputFolder(out).check()
    }

    func run() async throws {
        var (settings, journal, lock) = try await options.loadLocked(for: "convert", handsOutNames: true) {
            "drop the export into \(SpoolLayout(root: $0.spool.root).incoming) and let it convert it"
        }
        defer { lock.release() }
        if sendValidRecords { settings.conversion.sendValidRecords = true }
        let profileName = profile ?? settings.conversion.profileName
        var columnProfile: ColumnProfile?
        if let profileName {
            guard let found = settings.profiles[profileName] else {
                throw ValidationError("profile \(profileName) is not in \(settings.source) (conversion.profiles)")
            }
            columnProfile = found
        }
        let folder = OutputFolder(self.out)
        try folder.make()
        let out = folder.path
        let signer = try settings.signing.map { try SigningIdentity.load($0) }
        if let signer, let days = settings.signing?.expiryWarningDays, signer.expires(within: days) {
            FileHandle.standardError.write(Data("warning: the signing certificate \(signer.subject) expires in \(signer.daysUntilExpiry()) day(s)\n".utf8))
        }
        let plan = ConversionPlan(channel: settings.channel, conversion: settings.conversion, profile: columnProfile,
                                  stagingDirectory: out + "/.staging", reportDirectory: out, folder: { _, _ in out })
        let converter = try ExportConverter(plan: plan, journal: journal, signer: signer)
        // What a conversion killed earlier (into this folder) left: its recorded submissions are finished,
        // its staging cleared. No other conversion runs: the channel lock is held.
        for submission in try converter.finishInterrupted() {
            print("finished preparing submission \(submission.record.id ?? 0): \(submission.record.goName) (interrupted earlier)")
        }
        let export = try converter.register(exportAt: export, force: force)
        let result = converter.convert(export)
        for submission in result.submissions {
            print("prepared submission \(submission.record.id ?? 0): \(submission.record.goName) (\(submission.record.recordCount) record(s))")
            for file in submission.files { print("  \(out)/\(file.name)") }
        }
        if result.rejectedRecords > 0 || result.failure != nil {
            for problem in result.firstProblems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            if result.problemCount > result.firstProblems.count {
                FileHandle.standardError.write(Data("... and \(result.problemCount - result.firstProblems.count) more problem(s)\n".utf8))
            }
        }
        if result.warningCount > 0 {
            FileHandle.standardError.write(Data("warning: \(result.warningCount) value(s) changed on their way into the FI: see the report\n".utf8))
        }
        if let report = result.reportPath { print("report: \(report)") }
        if let failure = result.failure {
            // A file-level problem was printed above already.
            if case .unreadable = failure {} else { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}
