/// A file an `AtomicFileWriter` put in place.
public struct WrittenFile: Hashable, Sendable {
    public let path: String
    public let byteCount: Int
    /// Lower-case hex SHA-256 of the bytes written, computed on the way (no second read).
    public let sha256: String
}
