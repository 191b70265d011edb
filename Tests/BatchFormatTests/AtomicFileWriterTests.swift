import Foundation
import Testing
import TestSupport
@testable import BatchFormat

@Suite struct AtomicFileWriterTests {
    private func names(in dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func invisibleUnderFinalNameUntilCommit() throws {
        let dir = try TemporaryDirectory("batchformat-atomic")
        let target = dir.file("FI.FLAX.123456.20250307.00042.R.1.1").path
        let writer = try AtomicFileWriter(path: target)
        try writer.write(Array("<FLA>".utf8))
        try writer.write("é\r\n")
        try writer.write(Array(repeating: UInt8(ascii: "x"), count: 300_000))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(FileManager.default.fileExists(atPath: writer.temporaryPath))
        #expect(writer.temporaryPath.hasPrefix(dir.path + "/.FI.FLAX.123456.20250307.00042.R.1.1.tmp-"))
        #expect(writer.byteCount == 5 + 4 + 300_000)

        let written = try writer.commit()
        let expected = Array("<FLA>é\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 300_000)
        #expect(written.path == target)
        #expect(written.byteCount == expected.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(expected))
        #expect(written.sha256 == String(try Command.check("sha256sum", [target]).stdout.prefix(64)))
        #expect(try names(in: dir) == ["FI.FLAX.123456.20250307.00042.R.1.1"])
    }

    @Test func neverOverwritesAnExistingFile() throws {
        let dir = try TemporaryDirectory("batchformat-noreplace")
        let target = try dir.write("GO.FLAX.123456.20250307.00042.R.1", "original").path
        #expect { try AtomicFileWriter(path: target) } throws: { ($0 as? FileSystemError)?.isAlreadyExists == true }

        // The name is taken between start and commit: commit refuses and cleans up.
        let late = dir.file("late").path
        let writer = try AtomicFileWriter(path: late)
        try writer.write("new content")
        try "someone else".write(toFile: late, atomically: false, encoding: .utf8)
        #expect { try writer.commit() } throws: { error in
            guard let error = error as? FileSystemError else { return false }
            return error.isAlreadyExists && error.path == late && "\(error)".contains("already exists")
        }
        #expect(try String(contentsOfFile: late, encoding: .utf8) == "someone else")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "original")
        #expect(try names(in: dir) == ["GO.FLAX.123456.20250307.00042.R.1", "late"])
    }

    @Test func abandonAndDeinitRemoveTheTemporaryFile() throws {
        let dir = try TemporaryDirectory("batchformat-abandon")
        let writer = try AtomicFileWriter(path: dir.file("a").path)
        try writer.write("partial")
        writer.abandon()
        writer.abandon()
        #expect(try names(in: dir).isEmpty)
        #expect(throws: FileSystemError.self) { try writer.write("more") }
        #expect(throws: FileSystemError.self) { try writer.commit() }

        var dropped: AtomicFileWriter? = try AtomicFileWriter(path: dir.file("b").path)
        try dropped?.write(Array(repeating: 1, count: 500_000))
        #expect(try names(in: dir).count == 1)
        dropped = nil
        #expect(try names(in: dir).isEmpty)
    }

    @Test func oneShotWriteAndEmptyFiles() throws {
        let dir = try TemporaryDirectory("batchformat-oneshot")
        let go = try AtomicFileWriter.write([UInt8](), to: dir.file("GO").path)
        #expect(go.byteCount == 0)
        #expect(go.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try Data(contentsOf: dir.file("GO")).isEmpty)
        let fs = try AtomicFileWriter.write(Array("QUJD\r\n".utf8), to: dir.file("FS").path, permissions: 0o600)
        #expect(fs.byteCount == 6)
        let mode = try FileManager.default.attributesOfItem(atPath: fs.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: FileSystemError.self) { try AtomicFileWriter.write([1], to: dir.file("FS").path) }
    }

    @Test func refusesAMissingDirectoryWithItsName() {
        #expect { try AtomicFileWriter(path: "/nonexistent-dir/FI") } throws: { error in
            guard let error = error as? FileSystemError else { return false }
            return error.operation == .create && error.path.hasPrefix("/nonexistent-dir/.FI.tmp-")
                && "\(error)".contains("No such file or directory")
        }
    }

    @Test func renameRefusesATakenName() throws {
        let dir = try TemporaryDirectory("batchformat-rename")
        let source = try dir.write("source", "s").path
        let taken = try dir.write("taken", "t").path
        #expect { try AtomicFileWriter.renameWithoutReplacing(source, to: taken) } throws: {
            ($0 as? FileSystemError)?.isAlreadyExists == true
        }
        try AtomicFileWriter.renameWithoutReplacing(source, to: dir.file("free").path)
        #expect(try names(in: dir) == ["free", "taken"])
    }
}
