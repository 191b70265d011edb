/// The quality in which a channel sends: each quality has its own SFTP account, sender number and certificate.
public enum ChannelQuality: String, Sendable, CaseIterable {
    case employer
    /// A social secretariat or service provider sending for its client employers.
    case mandatary
    case trainingProvider = "training-provider"
}
