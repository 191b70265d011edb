/// A file in a folder on the SFTP server: a configured folder (`IN`, `OUTTEST`, ...) and a
/// validated file name, so nothing is ever written or read under an unchecked name.
public struct RemotePath: Sendable, Hashable, CustomStringConvertible {
    /// The folder as configured; empty means the session's start folder.
    public let directory: String
    public let name: RemoteName

    public init(directory: String, name: RemoteName) {
        self.directory = directory
        self.name = name
    }

    /// Convenience for trusted, literal names (tests, configuration); throws when the name is refused.
    public init(directory: String, validating name: String) throws {
        self.init(directory: directory, name: try RemoteName(validating: name))
    }

    /// The path sent to the server.
    public var path: String {
        if directory.isEmpty { return name.value }
        return directory.hasSuffix("/") ? directory + name.value : directory + "/" + name.value
    }

    public var description: String { path }

    /// The same folder, another name (the final name of a temporary upload).
    public func sibling(_ other: RemoteName) -> RemotePath {
        RemotePath(directory: directory, name: other)
    }
}
