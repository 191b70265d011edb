import CLibSSH2

/// What `stat` learns about a remote file.
public struct RemoteFileStatus: Sendable, Hashable {
    public let kind: RemoteFileKind
    /// Nil when the server did not report a size.
    public let size: UInt64?
    /// Seconds since 1970, when reported.
    public let modificationTime: UInt64?

    public init(kind: RemoteFileKind, size: UInt64?, modificationTime: UInt64?) {
        self.kind = kind
        self.size = size
        self.modificationTime = modificationTime
    }

    init(attributes: LIBSSH2_SFTP_ATTRIBUTES) {
        kind = RemoteFileKind(attributes: attributes)
        size = attributes.flags & UInt(LIBSSH2_SFTP_ATTR_SIZE) != 0 ? attributes.filesize : nil
        modificationTime = attributes.flags & UInt(LIBSSH2_SFTP_ATTR_ACMODTIME) != 0 ? UInt64(attributes.mtime) : nil
    }
}
