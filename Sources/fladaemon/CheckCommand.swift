import ArgumentParser
import BatchFormat
import Conversion
import Foundation
import Logging
import Settings
import Stages
import Transport

/// `fladaemon check`: is this channel ready? The configuration (every key known), the secret files'
/// rights, the signing certificate, then (unless `--offline`) the SFTP login, the host key and the
/// remote folders. One verdict per item; the exit code is 1 when any item failed. The unit runs the
/// offline part before it starts the daemon and before it accepts a reload.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the configuration, the keys, the certificate and (unless --offline) the SFTP channel.")

    @OptionGroup var options: ConfigOption
    @Flag(help: "Leave out what needs the network (the SFTP login, host key and folders).") var offline = false
    @Flag(help: "One JSON document: {\"ok\": Bool, \"items\": [{\"item\", \"verdict\", \"detail\"}]}.") var json = false

    struct Item: Encodable {
        enum Verdict: String, Encodable { case ok, warning, failed }
        var item: String
        var verdict: Verdict
        var detail: String
    }

    struct Report: Encodable {
        var schema = 1
        var ok: Bool
        var items: [Item]
    }

    func run() async throws {
        var items: [Item] = []
        func add(_ item: String, _ verdict: Item.Verdict, _ detail: String) { items.append(Item(item: item, verdict: verdict, detail: detail)) }

        let settings: FladaemonSettings?
        do {
            let (loaded, unknown) = try await FladaemonSettings.loadChecked(path: options.config, environment: options.environment)
            settings = loaded
            add("configuration", unknown.isEmpty ? .ok : .failed,
                unknown.isEmpty ? "\(options.config) read, every key known" : unknown.map(\.description).joined(separator: "; "))
        } catch {
            settings = nil
            add("configuration", .failed, "\(error)")
        }
        if let settings {
            checkSecrets(settings, add)
            checkCertificate(settings, add)
            if !offline { checkChannel(settings, add) }
        }
        let ok = !items.contains { $0.verdict == .failed }
        if json {
            try JSONReport.print(Report(ok: ok, items: items))
        } else {
            print(TextTable.render(header: ["ITEM", "VERDICT", "DETAIL"], rows: items.map { [$0.item, $0.verdict.rawValue, $0.detail] }))
        }
        if !ok { throw ExitCode(1) }
    }

    /// Private keys and passphrase files: readable by their owner alone.
    private func checkSecrets(_ settings: FladaemonSettings, _ add: (String, Item.Verdict, String) -> Void) {
        var files: [(String, String)] = []
        if let sftp = settings.sftp { files.append(("sftp.private_key", sftp.privateKeyPath)) }
        if let signing = settings.signing {
            switch signing.source {
            case .pem(_, let key, _): files.append(("signing.key", key))
            case .pkcs12(let path): files.append(("signing.pkcs12", path))
            }
        }
        for (key, path) in files {
            if !FileManager.default.isReadableFile(atPath: path) {
                add("file rights: \(key)", .failed, "\(path) cannot be read by this user")
            } else if let exposure = SecretFile.exposure(of: path) {
                add("file rights: \(key)", .failed, "\(path): \(exposure)")
            } else {
                add("file rights: \(key)", .ok, "\(path) readable by its owner only")
            }
        }
    }

    private func checkCertificate(_ settings: FladaemonSettings, _ add: (String, Item.Verdict, String) -> Void) {
        guard let signing = settings.signing else {
            add("signing certificate", settings.channel.environment.requiresSignature ? .failed : .ok,
                settings.channel.environment.requiresSignature ? "production needs a signing certificate (signing.*)"
                    : "none configured; the \(settings.channel.environment) circuit takes no signature")
            return
        }
        do {
            // Loading checks that the key is the certificate's.
            let identity = try SigningIdentity.load(signing)
            let days = identity.daysUntilExpiry()
            if identity.notBefore > Date() {
                add("signing certificate", .failed, "\(identity.subject) is not valid before \(identity.notBefore.formatted(.iso8601))")
            } else if days < 0 {
                add("signing certificate", .failed, "\(identity.subject) expired on \(identity.notAfter.formatted(.iso8601))")
            } else if identity.expires(within: signing.expiryWarningDays) {
                add("signing certificate", .warning, "\(identity.subject) expires in \(days) day(s): renew it and register the new one")
            } else {
                add("signing certificate", .ok, "\(identity.subject), key matches, \(days) day(s) left")
            }
        } catch {
            add("signing certificate", .failed, "\(error)")
        }
    }

    private func checkChannel(_ settings: FladaemonSettings, _ add: (String, Item.Verdict, String) -> Void) {
        guard let sftp = settings.sftp else {
            add("sftp", .failed, "no SFTP server configured (sftp.host)")
            return
        }
        let client: SFTPClient
        do {
            client = try ChannelConnection.open(sftp, logger: Logger(label: "fladaemon.check"))
            add("sftp login and host key", .ok, "\(sftp.user)@\(sftp.host):\(sftp.port), host key as pinned")
        } catch {
            add("sftp login and host key", .failed, "\(error)")
            return
        }
        defer { client.close() }
        let environment = settings.channel.environment
        for folder in [environment.inFolder, environment.outFolder] {
            do {
                let listing = try client.list(directory: folder)
                add("remote folder \(folder)", .ok, "\(listing.files.count) file(s)")
            } catch {
                add("remote folder \(folder)", .failed, "\(error)")
            }
        }
    }
}
