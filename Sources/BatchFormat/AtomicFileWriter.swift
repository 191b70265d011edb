import Glibc

/// Writes a file so that it appears under its final name complete or not at all, and never
/// over an existing file.
///
/// Bytes go to `.<name>.tmp-<random>` in the same directory through a large buffer (one write(2)
/// per buffer, not per call); `commit()` flushes, fsyncs, renames without replacing and fsyncs the
/// directory. Dropping the writer without committing removes the temporary file.
/// One writer belongs to one task at a time.
public final class AtomicFileWriter {
    public static let defaultBufferSize = 128 * 1024

    /// The name the file gets on commit.
    public let path: String
    /// Where the bytes are until commit.
    public let temporaryPath: String
    /// Bytes accepted so far (buffered or written).
    public private(set) var byteCount = 0

    private let directory: String
    private var descriptor: Int32
    private var buffer: [UInt8]
    private let bufferSize: Int
    private let hash = SHA256()

    /// Creates the temporary file. Fails at once if `path` already exists.
    public init(path: String, permissions: mode_t = 0o640, bufferSize: Int = AtomicFileWriter.defaultBufferSize)
        throws(FileSystemError) {
        let slash = path.lastIndex(of: "/")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else { throw FileSystemError(.create, path: path, code: EINVAL) }
        directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let prefix = slash.map { String(path[...$0]) } ?? ""
        temporaryPath = "\(prefix).\(name).tmp-\(Self.randomSuffix())"
        self.path = path
        self.bufferSize = max(4096, bufferSize)
        buffer = []
        buffer.reserveCapacity(self.bufferSize)
        // Checked again, atomically, at commit; this only spares writing megabytes for nothing.
        if access(path, F_OK) == 0 { throw FileSystemError(.publish, path: path, code: EEXIST) }
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw FileSystemError(.create, path: temporaryPath) }
        // The umask must not loosen or tighten what the caller asked for.
        fchmod(descriptor, permissions)
    }

    deinit {
        if descriptor >= 0 { discardTemporary() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        guard descriptor >= 0 else { throw FileSystemError(.write, path: temporaryPath, code: EBADF) }
        guard bytes.count > 0 else { return }
        if buffer.count + bytes.count > bufferSize {
            try flush()
        }
        if bytes.count >= bufferSize {
            // Large blocks go straight to the file: copying them into the buffer gains nothing.
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
        byteCount += bytes.count
    }

    public func write(_ bytes: some Sequence<UInt8>) throws(FileSystemError) {
        // The standard library's closures only rethrow untyped errors: carry ours out in a Result.
        let outcome = bytes.withContiguousStorageIfAvailable { storage in
            Result { () throws(FileSystemError) in try write(UnsafeRawBufferPointer(storage)) }
        }
        if let outcome { return try outcome.get() }
        try write(Array(bytes))
    }

    public func write(_ text: String) throws(FileSystemError) {
        var text = text
        try text.withUTF8 { storage in
            Result { () throws(FileSystemError) in try write(UnsafeRawBufferPointer(storage)) }
        }.get()
    }

    /// Puts the file in place under `path`. Throws `FileSystemError` with `isAlreadyExists` if the name
    /// was taken meanwhile; on any failure the temporary file is removed and the writer is finished.
    @discardableResult
    public func commit() throws(FileSystemError) -> WrittenFile {
        guard descriptor >= 0 else { throw FileSystemError(.publish, path: path, code: EBADF) }
        do throws(FileSystemError) {
            try flush()
            guard fsync(descriptor) == 0 else { throw FileSystemError(.sync, path: temporaryPath) }
            guard close(descriptor) == 0 else { descriptor = -1; throw FileSystemError(.write, path: temporaryPath) }
            descriptor = -1
            try Self.renameWithoutReplacing(temporaryPath, to: path)
        } catch {
            discardTemporary()
            throw error
        }
        // The rename itself is only durable once the directory entry is on disk.
        try Self.syncDirectory(directory)
        return WrittenFile(path: path, byteCount: byteCount, sha256: SHA256.hexText(hash.finish()))
    }

    /// Gives up: removes the temporary file. Harmless after commit or a second time.
    public func abandon() {
        discardTemporary()
    }

    /// Writes `bytes` to `path` atomically in one call.
    @discardableResult
    public static func write(_ bytes: some Sequence<UInt8>, to path: String,
                             permissions: mode_t = 0o640) throws(FileSystemError) -> WrittenFile {
        let writer = try AtomicFileWriter(path: path, permissions: permissions)
        try writer.write(bytes)
        return try writer.commit()
    }

    // MARK: - Internals

    private func flush() throws(FileSystemError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { bytes in
            Result { () throws(FileSystemError) in try writeAll(bytes) }
        }.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        hash.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(.write, path: temporaryPath)
            }
            offset += written
        }
    }

    private func discardTemporary() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
            unlink(temporaryPath)
        } else if access(temporaryPath, F_OK) == 0 {
            unlink(temporaryPath)
        }
        buffer.removeAll()
    }

    private static func randomSuffix() -> String {
        SHA256.hexText((0..<6).map { _ in UInt8.random(in: 0...255) })
    }

    /// renameat2(RENAME_NOREPLACE) when the kernel and file system support it, else link + unlink:
    /// both fail with EEXIST rather than replace a file.
    public static func renameWithoutReplacing(_ source: String, to target: String) throws(FileSystemError) {
        if let renameat2 = renameAt2Function {
            if renameat2(AT_FDCWD, source, AT_FDCWD, target, renameNoReplace) == 0 { return }
            let code = errno
            if code != EINVAL && code != ENOSYS && code != ENOTSUP {
                throw FileSystemError(.publish, path: target, code: code)
            }
        }
        guard link(source, target) == 0 else { throw FileSystemError(.publish, path: target) }
        unlink(source)
    }

    public static func syncDirectory(_ directory: String) throws(FileSystemError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(.sync, path: directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileSystemError(.sync, path: directory) }
    }
}

private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

/// From <linux/fs.h>; Swift's Glibc module does not declare renameat2 or its flags.
private let renameNoReplace: UInt32 = 1

/// Looked up at run time because the Glibc module does not export it; immutable once set.
private let renameAt2Function: RenameAt2? = {
    // A null handle is RTLD_DEFAULT on glibc: search the libraries already loaded.
    guard let symbol = dlsym(nil, "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: RenameAt2.self)
}()
