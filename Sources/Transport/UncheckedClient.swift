/// Carries a client to the one thread or task that uses it next; whoever hands it over makes sure
/// nobody else uses it meanwhile (a client is one SFTP channel, used by one thread at a time).
public struct UncheckedClient: @unchecked Sendable {
    public let client: SFTPClient
    public init(_ client: SFTPClient) { self.client = client }
}
