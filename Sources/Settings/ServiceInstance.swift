/// One channel's service, `fladaemon@NAME`: where its configuration, journal and spool are. The unit
/// runs `fladaemon run --instance NAME` and every command given `--instance NAME` reads the same
/// paths from here, so an administrator's command can never open another journal than the service's.
public struct ServiceInstance: Sendable, Hashable {
    public static let configurationFolder = "/etc/fladaemon"
    public static let stateFolder = "/var/lib/fladaemon"
    public static let spoolFolder = "/var/spool/fladaemon"

    public let name: String

    /// A systemd instance name as fladaemon accepts it: letters, digits, `-` and `_`, at most 64.
    public init(_ name: String) throws(SettingsError) {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !name.isEmpty, name.utf8.count <= 64, allowed else {
            throw SettingsError(source: "--instance", problem: "\"\(name)\" is not an instance name (letters, digits, - and _)")
        }
        self.name = name
    }

    /// `/etc/fladaemon/NAME.yaml`.
    public var configurationPath: String { "\(Self.configurationFolder)/\(name).yaml" }
    /// `/var/lib/fladaemon/NAME/journal.sqlite` (the unit's `StateDirectory=`).
    public var journalPath: String { "\(Self.stateFolder)/\(name)/journal.sqlite" }
    /// `/var/spool/fladaemon/NAME`.
    public var spoolRoot: String { "\(Self.spoolFolder)/\(name)" }

    /// The overrides that pin the journal and spool to the instance's, whatever the file says.
    public var environment: [String: String] {
        [FladaemonSettings.environmentPrefix + "JOURNAL_PATH": journalPath,
         FladaemonSettings.environmentPrefix + "SPOOL_ROOT": spoolRoot]
    }
}
