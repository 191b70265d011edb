import BatchFormat
import Configuration
import FLAFlow
import Foundation
import Identifiers
import SystemPackage

/// Everything one daemon instance (one channel) is configured with, read once and then immutable;
/// a reload builds a new value and swaps it in whole.
public struct FladaemonSettings: Sendable {
    /// The file the settings came from (for messages).
    public var source: String
    public var channel: ChannelSettings
    /// Required in production, where every FI is signed.
    public var signing: SigningSettings?
    public var conversion: ConversionSettings
    public var profiles: [String: ColumnProfile]
    public var journalPath: String
    public var spool: SpoolSettings
    public var sftp: SFTPSettings?
    public var results: ResultsSettings

    public init(source: String, channel: ChannelSettings, signing: SigningSettings?,
                conversion: ConversionSettings = ConversionSettings(), profiles: [String: ColumnProfile] = [:],
                journalPath: String, spool: SpoolSettings = SpoolSettings(), sftp: SFTPSettings? = nil,
                results: ResultsSettings = ResultsSettings()) {
        self.source = source; self.channel = channel; self.signing = signing; self.conversion = conversion
        self.profiles = profiles; self.journalPath = journalPath; self.spool = spool; self.sftp = sftp
        self.results = results
    }

    public static let defaultPath = "/etc/fladaemon/fladaemon.yaml"
    /// Environment variables with this prefix override file values: `FLADAEMON_CHANNEL_SENDER` is `channel.sender`.
    public static let environmentPrefix = "FLADAEMON_"

    /// Reads the YAML file, then lets the environment and systemd credentials override it.
    ///
    /// Precedence, highest first: `FLADAEMON_*` variables, files in `$CREDENTIALS_DIRECTORY`
    /// (e.g. `signing-passphrase`), the YAML file. Secrets may also be named by `*_file` keys.
    public static func load(path: String = defaultPath,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> FladaemonSettings {
        try await load(path: path, environment: environment, recorder: nil)
    }

    static func load(path: String, environment: [String: String], recorder: (any AccessReporter)?) async throws -> FladaemonSettings {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SettingsError(source: path, problem: "file not found (give another with --config)")
        }
        var providers: [any ConfigProvider] = []
        var prefixed: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix(environmentPrefix) {
            prefixed[String(name.dropFirst(environmentPrefix.count))] = value
        }
        providers.append(EnvironmentVariablesProvider(environmentVariables: prefixed))
        if let credentials = environment["CREDENTIALS_DIRECTORY"], !credentials.isEmpty {
            providers.append(try await DirectoryFilesProvider(directoryPath: FilePath(credentials)))
        }
        do {
            providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(path)))
        } catch {
            throw SettingsError(source: path, problem: "not valid YAML: \(error)")
        }
        return try SettingsReader(source: path, config: ConfigReader(providers: providers, accessReporter: recorder)).read()
    }

    /// Reads the settings and lists the keys of the file that nothing read (`fladaemon check`).
    public static func loadChecked(path: String = defaultPath,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> (FladaemonSettings, [ConfigurationKeys.Unknown]) {
        let recorder = ConfigurationKeys.Recorder()
        let settings = try await load(path: path, environment: environment, recorder: recorder)
        let unknown = try ConfigurationKeys.unknown(inYAMLAt: path, consulted: recorder.keys.withLock { $0 })
        return (settings, unknown)
    }
}
