/// The content of a remote folder, split by the remote-name gate.
///
/// A refused name does not fail the listing: the other files of the shared folder still need
/// processing, and the refused ones are reported (log-safe) so an operator can look.
public struct RemoteListing: Sendable {
    public struct RefusedName: Sendable, Hashable, CustomStringConvertible {
        /// The name made log-safe (control and non-ASCII bytes escaped, cut).
        public let printableName: String
        public let reason: RemoteNameRefusal
        public var description: String { "`\(printableName)`: \(reason)" }
    }

    public let directory: String
    /// Accepted entries, sorted by name.
    public let entries: [RemoteEntry]
    public let refused: [RefusedName]

    public init(directory: String, entries: [RemoteEntry], refused: [RefusedName]) {
        self.directory = directory
        self.entries = entries.sorted { $0.name < $1.name }
        self.refused = refused
    }

    /// Regular files only, the ones a result scanner looks at.
    public var files: [RemoteEntry] { entries.filter { $0.kind == .regular } }
}
