import BatchFormat
import Foundation

/// Who we are on the SFTP server: a user and a key pair on disk.
public struct SSHIdentity: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var privateKeyPath: String
    /// Nil lets libssh2 derive the public key from the private one.
    public var publicKeyPath: String?
    public var passphrase: String?

    public init(user: String, privateKeyPath: String, publicKeyPath: String? = nil, passphrase: String? = nil) {
        self.user = user
        self.privateKeyPath = privateKeyPath
        self.publicKeyPath = publicKeyPath
        self.passphrase = passphrase
    }

    /// With the passphrase read from a file (the way it is configured).
    public init(user: String, privateKeyPath: String, passphraseFile: String?) throws {
        self.init(user: user, privateKeyPath: privateKeyPath,
                  passphrase: try passphraseFile.map(Self.readPassphrase(fromFile:)))
    }

    /// The file's content without its trailing line break(s); other whitespace is part of the passphrase.
    public static func readPassphrase(fromFile path: String) throws -> String {
        if let exposure = SecretFile.exposure(of: path) {
            throw TransportError.passphraseFileUnreadable(path: path, detail: exposure)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TransportError.passphraseFileUnreadable(path: path, detail: error.localizedDescription)
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
        return text
    }

    /// Never shows the passphrase.
    public var description: String {
        "\(user) with key \(privateKeyPath)" + (passphrase == nil ? "" : " (passphrase set)")
    }
}
