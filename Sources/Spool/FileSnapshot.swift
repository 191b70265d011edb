import Glibc

/// What intake compares to decide whether a file is still being written: identity, size and
/// modification time.
public struct FileSnapshot: Sendable, Hashable {
    public var inode: UInt64
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var isRegularFile: Bool

    public init(inode: UInt64, size: Int64, modified: Int64, isRegularFile: Bool = true) {
        self.inode = inode
        self.size = size
        self.modified = modified
        self.isRegularFile = isRegularFile
    }

    /// The entry itself (symbolic links are not followed); nil when it does not exist (or cannot be read).
    public static func of(_ path: String) -> FileSnapshot? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileSnapshot(info)
    }

    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        isRegularFile = info.st_mode & S_IFMT == S_IFREG
    }
}
