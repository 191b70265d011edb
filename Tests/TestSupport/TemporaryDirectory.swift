import Foundation

/// A fresh directory under the system temporary folder, removed when dropped.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "fladaemon-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> URL {
        let target = file(name)
        try Data(contents.utf8).write(to: target)
        return target
    }

    @discardableResult
    public func write(_ name: String, bytes: Data) throws -> URL {
        let target = file(name)
        try bytes.write(to: target)
        return target
    }

    /// A secret (key, passphrase) readable by its owner only, as fladaemon requires of such files.
    @discardableResult
    public func writeSecret(_ name: String, _ contents: String) throws -> URL {
        let target = try write(name, contents)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        return target
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
