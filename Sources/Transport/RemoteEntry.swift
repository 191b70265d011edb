/// One accepted entry of a remote folder listing.
public struct RemoteEntry: Sendable, Hashable {
    public let name: RemoteName
    public let status: RemoteFileStatus

    public init(name: RemoteName, status: RemoteFileStatus) {
        self.name = name
        self.status = status
    }

    public var kind: RemoteFileKind { status.kind }
    public var size: UInt64? { status.size }
}
