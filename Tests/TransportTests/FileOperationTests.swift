import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite(.timeLimit(.minutes(2))) struct FileOperationTests {
    @Test func uploadWritesTemporaryThenRenamesWithFsync() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("upload")
        let source = try randomFile(in: local, named: "FI.local", size: 300_000)
        let client = try fixture.connect()
        let size = try client.upload(localPath: source.path, remoteDirectory: "INTEST",
                                     temporaryName: RemoteName(validating: "tmp-FI.TEST.1"),
                                     finalName: RemoteName(validating: "FI.TEST.1"))
        #expect(size == 300_000)
        #expect(try Data(contentsOf: fixture.server.file("INTEST/FI.TEST.1")) == Data(contentsOf: source))
        #expect(!FileManager.default.fileExists(atPath: fixture.server.file("INTEST/tmp-FI.TEST.1").path))
        // OpenSSH offers fsync@openssh.com; the client used it.
        #expect(client.serverSupportsFsync == true)
    }

    @Test func emptyFileUploads() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("upload")
        let source = try local.write("empty", "")
        let client = try fixture.connect()
        let path = try RemotePath(directory: "IN", validating: "FS.empty")
        #expect(try client.writeFile(local: source.path, remotePath: path) == 0)
        try client.verifySize(of: path, expected: 0)
    }

    @Test func renameNeverReplacesAnExistingFile() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("upload")
        try "already sent".write(to: fixture.server.file("IN/FI.TEST.2"), atomically: true, encoding: .utf8)
        let source = try local.write("new", "new content")
        let client = try fixture.connect()
        let error = TransportFixture.transportError {
            try client.upload(localPath: source.path, remoteDirectory: "IN", temporaryName: RemoteName(validating: "tmp-2"),
                              finalName: RemoteName(validating: "FI.TEST.2"))
        }
        guard case .remoteFileExists("IN/FI.TEST.2") = error else {
            Issue.record("expected remoteFileExists, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == false)
        #expect(try String(contentsOf: fixture.server.file("IN/FI.TEST.2"), encoding: .utf8) == "already sent")
        #expect(try String(contentsOf: fixture.server.file("IN/tmp-2"), encoding: .utf8) == "new content")
        // A refused rename is an SFTP status: the session carries on.
        #expect(client.isUsable)
        try client.rename(from: RemotePath(directory: "IN", validating: "tmp-2"), to: RemotePath(directory: "IN", validating: "FI.TEST.3"))
        #expect(try String(contentsOf: fixture.server.file("IN/FI.TEST.3"), encoding: .utf8) == "new content")
    }

    @Test func goFileIsCreatedExclusively() throws {
        let fixture = try TransportFixture()
        let client = try fixture.connect()
        let go = try RemotePath(directory: "IN", validating: "GO.TEST.123456.20250101.00001.T.1")
        try client.createEmpty(go)
        #expect(try client.stat(go) == RemoteFileStatus(kind: .regular, size: 0, modificationTime: client.stat(go).modificationTime))
        let error = TransportFixture.transportError { try client.createEmpty(go) }
        guard case .remoteFileExists(go.path) = error else {
            Issue.record("expected remoteFileExists, got \(String(describing: error))")
            return
        }
        #expect(client.isUsable)
    }

    @Test func sizeCheckCatchesADifferentRemoteSize() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("upload")
        let source = try randomFile(in: local, named: "data", size: 10_000)
        let client = try fixture.connect()
        let path = try RemotePath(directory: "IN", validating: "tmp-size")
        let written = try client.writeFile(local: source.path, remotePath: path)
        try client.verifySize(of: path, expected: written)
        // Something else (a truncating server, a concurrent writer) changes the file.
        try Data(count: 10).write(to: fixture.server.file("IN/tmp-size"))
        let error = TransportFixture.transportError { try client.verifySize(of: path, expected: written) }
        guard case .sizeMismatch("IN/tmp-size", 10_000, 10) = error else {
            Issue.record("expected sizeMismatch, got \(String(describing: error))")
            return
        }
    }

    @Test func listDownloadDeleteOnTheOutSide() throws {
        let fixture = try TransportFixture()
        let answer = Data((0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try answer.write(to: fixture.server.file("OUT/FO.ACRF.930000.20250102.00042.T.1.1"))
        try Data().write(to: fixture.server.file("OUT/GO.ACRF.930000.20250102.00042.T.1"))
        try FileManager.default.createDirectory(at: fixture.server.file("OUT/archive"), withIntermediateDirectories: false)
        let client = try fixture.connect()

        let listing = try client.list(directory: "OUT")
        #expect(listing.refused.isEmpty)
        #expect(listing.entries.map(\.name.value) == ["FO.ACRF.930000.20250102.00042.T.1.1",
                                                       "GO.ACRF.930000.20250102.00042.T.1", "archive"])
        #expect(listing.entries.map(\.kind) == [.regular, .regular, .directory])
        #expect(listing.files.map(\.size) == [700_000, 0])

        let local = try TemporaryDirectory("download")
        let target = local.file("FO.answer").path
        let remote = listing.files[0]
        #expect(try client.download(remotePath: RemotePath(directory: "OUT", name: remote.name), to: target) == 700_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == answer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: local.path) == ["FO.answer"])

        for entry in listing.files { try client.remove(RemotePath(directory: "OUT", name: entry.name)) }
        #expect(try client.list(directory: "OUT").entries.map(\.name.value) == ["archive"])
        let missing = RemotePath(directory: "OUT", name: remote.name)
        #expect(try client.exists(missing) == false)
        let error = TransportFixture.transportError { try client.remove(missing) }
        guard case .remoteFileMissing = error else {
            Issue.record("expected remoteFileMissing, got \(String(describing: error))")
            return
        }
    }

    @Test func failedDownloadLeavesNothingLocally() throws {
        let fixture = try TransportFixture()
        let client = try fixture.connect()
        let local = try TemporaryDirectory("download")
        let error = TransportFixture.transportError {
            try client.download(remotePath: RemotePath(directory: "OUT", validating: "FO.none"), to: local.file("x").path)
        }
        guard case .remoteFileMissing("OUT/FO.none") = error else {
            Issue.record("expected remoteFileMissing, got \(String(describing: error))")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: local.path).isEmpty)
    }

    @Test func missingFolderIsAPermanentError() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("upload")
        let source = try local.write("f", "x")
        let client = try fixture.connect()
        let error = TransportFixture.transportError {
            try client.writeFile(local: source.path, remotePath: RemotePath(directory: "NOPE", validating: "FI.x"))
        }
        guard case .remoteFileMissing("NOPE/FI.x") = error else {
            Issue.record("expected remoteFileMissing, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == false)
        #expect(try client.list(directory: "IN").entries.isEmpty)
    }

    @Test func missingLocalFileIsNamed() throws {
        let fixture = try TransportFixture()
        let client = try fixture.connect()
        let error = TransportFixture.transportError {
            try client.writeFile(local: "/nonexistent/FI.x", remotePath: RemotePath(directory: "IN", validating: "FI.x"))
        }
        guard case .localFileFailure("open", "/nonexistent/FI.x", _) = error else {
            Issue.record("expected localFileFailure, got \(String(describing: error))")
            return
        }
    }

    /// Names a hostile server could return; those the local file system allows are created on
    /// disk in OUT, so the real sshd lists them.
    @Test func hostileNamesInAListingAreRefusedNotFatal() throws {
        let fixture = try TransportFixture()
        let hostile = ["FO..x", "bad\nname", "esc\u{1B}[31mred", "back\\slash", "nön", ".hidden", String(repeating: "A", count: 200),
                       "sp ace", "semi;colon"]
        for name in hostile + ["FO.ACRF.930000.20250102.00001.T.1.1"] {
            #expect(FileManager.default.createFile(atPath: fixture.server.root.path + "/OUT/" + name, contents: Data("x".utf8)))
        }
        let client = try fixture.connect()
        let listing = try client.list(directory: "OUT")
        #expect(listing.entries.map(\.name.value) == ["FO.ACRF.930000.20250102.00001.T.1.1"])
        #expect(listing.refused.count == hostile.count)
        #expect(Set(listing.refused.map(\.reason)) == [
            .parentReference, .controlCharacter, .pathSeparator, .nonASCII, .hidden,
            .tooLong(length: 200, limit: 128), .disallowedCharacter(" "), .disallowedCharacter(";"),
        ])
        for refused in listing.refused {
            #expect(!refused.printableName.contains { $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? true },
                    "not log-safe: \(refused.printableName.debugDescription)")
        }
    }
}
