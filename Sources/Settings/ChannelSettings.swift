import BatchFormat
import Identifiers

/// The channel this daemon instance speaks for: one SFTP account, sender number and certificate.
public struct ChannelSettings: Sendable, Hashable {
    public var sender: SenderNumber
    /// Not published for FLA: always from configuration.
    public var flow: FlowCode
    public var environment: BatchEnvironment
    public var quality: ChannelQuality
    /// The declarant's enterprise number written in every FI.
    public var declarant: BCE

    public init(sender: SenderNumber, flow: FlowCode, environment: BatchEnvironment, quality: ChannelQuality,
                declarant: BCE) {
        self.sender = sender; self.flow = flow; self.environment = environment; self.quality = quality
        self.declarant = declarant
    }
}
