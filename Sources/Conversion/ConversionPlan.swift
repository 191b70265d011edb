import FLAFlow
import Settings

/// Everything a converter needs to know besides the journal and the signing key.
public struct ConversionPlan: Sendable {
    public var channel: ChannelSettings
    public var conversion: ConversionSettings
    /// Applied to CSV exports; nil reads canonical (or FR/NL alias) headers only.
    public var profile: ColumnProfile?
    /// Where parts wait, named by their SHA-256, until the journal has named them.
    public var stagingDirectory: String
    /// Where each export's report is written.
    public var reportDirectory: String
    /// The folder of a submission's files, from its export id and GO name.
    public var folder: @Sendable (_ exportID: Int64, _ goName: String) -> String
    /// Record ids checked for repeats in memory; beyond them the check goes through scratch files in staging.
    public var recordIDsInMemory = DuplicateRecordDetector.defaultMemoryCapacity

    public init(channel: ChannelSettings, conversion: ConversionSettings, profile: ColumnProfile? = nil,
                stagingDirectory: String, reportDirectory: String, folder: @escaping @Sendable (_ exportID: Int64, _ goName: String) -> String) {
        self.channel = channel; self.conversion = conversion; self.profile = profile
        self.stagingDirectory = stagingDirectory; self.reportDirectory = reportDirectory; self.folder = folder
    }

    /// The staging folder of one export.
    public func stagingDirectory(exportID: Int64) -> String { stagingDirectory + "/export-\(exportID)" }
}
