import BatchFormat
import Configuration
import FLAFlow
import Foundation
import Identifiers

/// Turns configuration keys into typed settings, with one clear error per bad or missing key.
struct SettingsReader {
    let source: String
    let config: ConfigReader

    func read() throws -> FladaemonSettings {
        let channel = try readChannel()
        let signing = try readSigning()
        if channel.environment.requiresSignature, signing == nil {
            throw SettingsError(source: source, key: "signing",
                                problem: "production submissions are signed: give signing.certificate and signing.key, or signing.pkcs12")
        }
        let conversion = try readConversion()
        var profiles: [String: ColumnProfile] = [:]
        for name in config.stringArray(forKey: "conversion.profiles") ?? [] {
            profiles[name] = try readProfile(name)
        }
        if let chosen = conversion.profileName, profiles[chosen] == nil {
            throw SettingsError(source: source, key: "conversion.profile",
                                problem: "profile \"\(chosen)\" is not listed in conversion.profiles")
        }
        return FladaemonSettings(
            source: source, channel: channel, signing: signing, conversion: conversion, profiles: profiles,
            journalPath: config.string(forKey: "journal.path", default: "/var/lib/fladaemon/journal.sqlite"),
            spool: try readSpool(), sftp: try readSFTP(), results: try readResults())
    }

    private func required(_ key: String) throws -> String {
        guard let value = config.string(forKey: ConfigKey(key)), !value.isEmpty else {
            throw SettingsError(source: source, key: key, problem: "is required")
        }
        return value
    }

    private func positive(_ key: String, default value: Int) throws -> Int {
        let number = config.int(forKey: ConfigKey(key), default: value)
        guard number > 0 else { throw SettingsError(source: source, key: key, problem: "must be a positive number") }
        return number
    }

    private func choice<T: RawRepresentable<String> & CaseIterable>(_ key: String, default value: T) throws -> T {
        guard let text = config.string(forKey: ConfigKey(key)) else { return value }
        guard let parsed = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw SettingsError(source: source, key: key, problem: "\"\(text)\" is not one of \(allowed)")
        }
        return parsed
    }

    /// A secret from the environment or a systemd credential (`key`), else from the file named by `key_file`.
    private func secret(_ key: String) throws -> String? {
        if let value = config.string(forKey: ConfigKey(key), isSecret: true), !value.isEmpty { return value }
        guard let file = config.string(forKey: ConfigKey(key + "_file")) else { return nil }
        if let exposure = SecretFile.exposure(of: file) {
            throw SettingsError(source: source, key: key + "_file", problem: "passphrase file \(file): \(exposure)")
        }
        do {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return text.trimmingCharacters(in: .newlines)
        } catch {
            throw SettingsError(source: source, key: key + "_file", problem: "cannot read \(file): \(error.localizedDescription)")
        }
    }

    private func readChannel() throws -> ChannelSettings {
        let senderText = try required("channel.sender")
        let flowText = try required("channel.flow")
        let environmentText = try required("channel.environment")
        let bceText = try required("channel.declarant_bce")
        guard let sender = try? SenderNumber(senderText) else {
            throw SettingsError(source: source, key: "channel.sender", problem: "\"\(senderText)\" is not 6 digits")
        }
        guard let flow = try? FlowCode(flowText) else {
            throw SettingsError(source: source, key: "channel.flow",
                                problem: "\"\(flowText)\" is not 4 characters A-Z or 0-9 (the FLA code is given with the channel)")
        }
        guard let environment = BatchEnvironment(configWord: environmentText) else {
            throw SettingsError(source: source, key: "channel.environment",
                                problem: "\"\(environmentText)\" is not production, test or declaration-test")
        }
        let declarant: BCE
        do { declarant = try BCE(validating: bceText) } catch {
            throw SettingsError(source: source, key: "channel.declarant_bce", problem: "\"\(bceText)\" \(error)")
        }
        return ChannelSettings(sender: sender, flow: flow, environment: environment,
                               quality: try choice("channel.quality", default: ChannelQuality.employer),
                               declarant: declarant)
    }

    private func readSigning() throws -> SigningSettings? {
        let certificate = config.string(forKey: "signing.certificate")
        let key = config.string(forKey: "signing.key")
        let pkcs12 = config.string(forKey: "signing.pkcs12")
        let source: SigningSettings.Source
        switch (certificate, key, pkcs12) {
        case (nil, nil, nil):
            return nil
        case (nil, nil, let p12?):
            source = .pkcs12(path: p12)
        case (let cert?, let key?, nil):
            source = .pem(certificate: cert, key: key, chain: config.string(forKey: "signing.chain"))
        default:
            throw SettingsError(source: self.source, key: "signing",
                                problem: "give either certificate and key (PEM) or pkcs12, not a mix")
        }
        return SigningSettings(source: source, passphrase: try secret("signing.passphrase"),
                               expiryWarningDays: try positive("signing.expiry_warning_days", default: 30))
    }

    private func readConversion() throws -> ConversionSettings {
        ConversionSettings(
            maxRecordsPerFI: try positive("conversion.max_records_per_fi", default: 10_000),
            maxBytesPerFI: try positive("conversion.max_bytes_per_fi", default: 20_000_000),
            split: try choice("conversion.split", default: ConversionSettings.Split.parts),
            sendValidRecords: config.bool(forKey: "conversion.send_valid_records", default: false),
            schemaPath: config.string(forKey: "conversion.schema"),
            profileName: config.string(forKey: "conversion.profile"))
    }

    /// `profiles.<name>.columns.<canonical field>: <vendor header>` and `profiles.<name>.ignore: [...]`.
    private func readProfile(_ name: String) throws -> ColumnProfile {
        var vendorToCanonical: [String: String] = [:]
        for field in CanonicalField.allCases {
            if let header = config.string(forKey: ConfigKey("profiles.\(name).columns.\(field.rawValue)")) {
                vendorToCanonical[header] = field.rawValue
            }
        }
        if vendorToCanonical.isEmpty {
            throw SettingsError(source: source, key: "profiles.\(name).columns", problem: "maps no column")
        }
        return try ColumnProfile(name: name, columnNames: vendorToCanonical,
                                 ignore: config.stringArray(forKey: ConfigKey("profiles.\(name).ignore")) ?? [])
    }

    private func readSpool() throws -> SpoolSettings {
        SpoolSettings(
            root: config.string(forKey: "spool.root", default: "/var/spool/fladaemon"),
            settleMilliseconds: try positive("spool.settle_ms", default: 2000),
            concurrency: try positive("spool.concurrency", default: 2),
            idleCloseSeconds: try positive("spool.idle_close_seconds", default: 60),
            retryBaseSeconds: try positive("spool.retry_base_seconds", default: 5),
            retryMaxSeconds: try positive("spool.retry_max_seconds", default: 900))
    }

    /// Each one is an SFTP channel and a process on the server: a handful is plenty.
    private func parallelUploads() throws -> Int {
        let count = try positive("sftp.parallel_uploads", default: 4)
        guard count <= 16 else {
            throw SettingsError(source: source, key: "sftp.parallel_uploads", problem: "at most 16 (got \(count))")
        }
        return count
    }

    private func readSFTP() throws -> SFTPSettings? {
        guard let host = config.string(forKey: "sftp.host") else { return nil }
        let known = config.string(forKey: "sftp.known_hosts")
        let pins = config.stringArray(forKey: "sftp.host_fingerprints") ?? []
        if known == nil, pins.isEmpty {
            throw SettingsError(source: source, key: "sftp",
                                problem: "give sftp.known_hosts or sftp.host_fingerprints: the server's key is always checked")
        }
        return SFTPSettings(
            host: host, port: try positive("sftp.port", default: 8022), user: try required("sftp.user"),
            privateKeyPath: try required("sftp.private_key"), privateKeyPassphrase: try secret("sftp.passphrase"),
            knownHostsPath: known, hostKeyFingerprints: pins,
            connectTimeoutSeconds: try positive("sftp.connect_timeout_seconds", default: 15),
            operationTimeoutSeconds: try positive("sftp.operation_timeout_seconds", default: 60),
            parallelUploads: try parallelUploads())
    }

    private func readResults() throws -> ResultsSettings {
        ResultsSettings(
            remoteDisposal: try choice("results.remote_after_download", default: ResultsSettings.RemoteDisposal.delete),
            pollIntervalSeconds: try positive("results.poll_seconds", default: 300),
            acknowledgementDeadlineHours: try positive("results.acknowledgement_deadline_hours", default: 24),
            maxAnswerBytes: try positive("results.max_answer_bytes", default: ResultsSettings.defaultMaxAnswerBytes),
            platformCertificate: config.string(forKey: ConfigKey("results.platform_certificate")).flatMap { $0.isEmpty ? nil : $0 })
    }
}
