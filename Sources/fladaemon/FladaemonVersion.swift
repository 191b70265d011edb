/// The version, in one place: `fladaemon --version` prints it, and packaging reads it from here.
enum FladaemonVersion {
    static let text = "0.9.0"
}
