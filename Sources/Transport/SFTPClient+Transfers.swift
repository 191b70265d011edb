import CLibSSH2
import Foundation

extension SFTPClient {
    /// Uploads a local file to `remotePath` (created or truncated), in 64 KiB chunks, then asks
    /// the server to fsync it (when supported and `syncsWrites`). Returns the bytes written.
    ///
    /// Each chunk must complete within `timeouts.noProgress`, else `TransportError.noProgress`.
    /// Write under a temporary name and `rename` afterwards: the platform may pick a file up
    /// as soon as it appears under its final name.
    @discardableResult
    public func writeFile(local localPath: String, remotePath: RemotePath) throws -> UInt64 {
        let source = try LocalFile.openForReading(localPath)
        defer { source.close() }
        let expected = try source.size()
        let handle = try open(remotePath.path, flags: UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC),
                              operation: "uploading to")
        var written: UInt64 = 0
        var failure: Error?
        do {
            written = try pushContent(of: source, to: handle, path: remotePath.path)
            if written != expected {
                throw TransportError.localFileFailure(operation: "read", path: localPath,
                                                      detail: "the file changed while it was uploaded (\(expected) then \(written) bytes)")
            }
            try syncIfWanted(handle, path: remotePath.path)
        } catch {
            failure = error
        }
        let closing = closeHandle(handle, path: remotePath.path)
        if let failure { throw failure }
        try closing.get()
        return written
    }

    /// The upload step of a submission file: write under `temporaryName`, check the size the
    /// server reports, rename to `finalName` (refused if it exists). Returns the size.
    @discardableResult
    public func upload(localPath: String, remoteDirectory: String, temporaryName: RemoteName,
                       finalName: RemoteName) throws -> UInt64 {
        let temporary = RemotePath(directory: remoteDirectory, name: temporaryName)
        let final = temporary.sibling(finalName)
        let written = try writeFile(local: localPath, remotePath: temporary)
        try verifySize(of: temporary, expected: written)
        try rename(from: temporary, to: final)
        return written
    }

    /// Throws `sizeMismatch` unless the server reports exactly `expected` bytes.
    public func verifySize(of path: RemotePath, expected: UInt64) throws {
        let status = try stat(path)
        guard status.size == expected else {
            throw TransportError.sizeMismatch(path: path.path, expected: expected, actual: status.size)
        }
    }

    /// Streams a remote file into a temporary file next to `localPath`, fsyncs it, checks the
    /// size against the server's, and renames it into place (replacing an older copy).
    /// Returns the size. Nothing is left at `localPath` or beside it on failure.
    @discardableResult
    public func download(remotePath: RemotePath, to localPath: String) throws -> UInt64 {
        let handle = try open(remotePath.path, flags: UInt(LIBSSH2_FXF_READ), operation: "downloading")
        var expected: UInt64?
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        if (try? call("reading the status of", remotePath.path, { libssh2_sftp_fstat_ex(handle, &attributes, 0) })) != nil {
            expected = RemoteFileStatus(attributes: attributes).size
        }
        let temporary = PartialDownload.path(for: localPath)
        var received: UInt64 = 0
        var failure: Error?
        do {
            let target = try LocalFile.createExclusive(temporary)
            defer { target.close() }
            received = try pullContent(of: handle, into: target, path: remotePath.path)
            try target.sync()
        } catch {
            failure = error
        }
        let closing = closeHandle(handle, path: remotePath.path)
        do {
            if let failure { throw failure }
            try closing.get()
            if let expected, expected != received {
                throw TransportError.sizeMismatch(path: remotePath.path, expected: expected, actual: received)
            }
            try LocalFile.rename(temporary, to: localPath)
            try LocalFile.syncDirectory(containing: localPath)
        } catch {
            LocalFile.remove(temporary)
            throw error
        }
        return received
    }

    // MARK: - Chunk loops

    private func pushContent(of source: LocalFile, to handle: OpaquePointer, path: String) throws -> UInt64 {
        var total: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var guardrail = ProgressGuard(limit: timeouts.noProgress)
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return total }
            var offset = 0
            while offset < count {
                let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                let rc = try transferStep("uploading to", path) { libssh2_sftp_write(handle, base + offset, count - offset) }
                try guardrail.record(progress: rc, operation: "uploading to", path: path)
                offset += rc
                total += UInt64(rc)
            }
        }
    }

    private func pullContent(of handle: OpaquePointer, into target: LocalFile, path: String) throws -> UInt64 {
        var total: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let rc = try transferStep("downloading", path) {
                libssh2_sftp_read(handle, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), buffer.count)
            }
            if rc == 0 { return total }
            try target.writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<rc]))
            total += UInt64(rc)
        }
    }

    /// One chunk of a transfer: its count of bytes, within `noProgress` (a time-out here means the
    /// chunk did not move).
    private func transferStep(_ operation: String, _ path: String, _ body: () -> Int) throws -> Int {
        do {
            return try call(operation, path, limit: timeouts.noProgress, body)
        } catch TransportError.timedOut {
            throw TransportError.noProgress(operation: operation, path: path, limit: timeouts.noProgress)
        }
    }
}
