import CLibSSH2

/// What a directory entry is, as far as the server says.
public enum RemoteFileKind: Sendable, Hashable {
    case regular
    case directory
    case symbolicLink
    case other
    /// The server did not send permissions.
    case unknown

    init(attributes: LIBSSH2_SFTP_ATTRIBUTES) {
        guard attributes.flags & UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 else {
            self = .unknown
            return
        }
        switch attributes.permissions & UInt(LIBSSH2_SFTP_S_IFMT) {
        case UInt(LIBSSH2_SFTP_S_IFREG): self = .regular
        case UInt(LIBSSH2_SFTP_S_IFDIR): self = .directory
        case UInt(LIBSSH2_SFTP_S_IFLNK): self = .symbolicLink
        default: self = .other
        }
    }
}
