#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fingerprints of records beyond what `DuplicateRecordDetector` keeps in memory, written to unnamed
/// scratch files and compared only once the export is read, so memory stays the same for any size.
///
/// Entries (fingerprint, registration number, line: 16 bytes) go to one of `partitionCount` files by
/// the fingerprint's high bits, so equal fingerprints meet in one file. At the end each file is read
/// back in slices of at most `sliceEntries` fingerprints (further split by more high bits when a file is
/// bigger), each slice through a `FingerprintTable`: memory is bounded by the slice, not the export.
/// The files are unlinked at once: nothing is left behind by a crash.
final class FingerprintSpill {
    static let partitionCount = 16
    private static let entrySize = 16
    private static let bufferEntries = 1024

    private let directory: String
    private let sliceEntries: Int
    private var descriptors: [Int32] = []
    private var buffers: [[UInt8]]
    private var entriesPerPartition: [Int]
    private var failure: String?

    init(directory: String, sliceEntries: Int = 32_768) {
        self.directory = directory
        self.sliceEntries = max(1, sliceEntries)
        buffers = Array(repeating: [], count: Self.partitionCount)
        entriesPerPartition = Array(repeating: 0, count: Self.partitionCount)
    }

    deinit { for descriptor in descriptors { close(descriptor) } }

    private(set) var count = 0

    func append(_ fingerprint: UInt64, registration: Int, line: Int) {
        guard failure == nil else { return }
        let partition = Int(truncatingIfNeeded: fingerprint >> 60) & (Self.partitionCount - 1)
        if buffers[partition].isEmpty { buffers[partition].reserveCapacity(Self.bufferEntries * Self.entrySize) }
        withUnsafeBytes(of: fingerprint.littleEndian) { buffers[partition].append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(clamping: registration).littleEndian) { buffers[partition].append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(clamping: line).littleEndian) { buffers[partition].append(contentsOf: $0) }
        entriesPerPartition[partition] += 1
        count += 1
        if buffers[partition].count >= Self.bufferEntries * Self.entrySize { flush(partition) }
    }

    /// Every entry whose fingerprint an earlier entry had: registration number -> that earlier entry's line.
    /// Throws the scratch files' I/O failure, if there was one.
    func repeats() throws(SpillFailure) -> [Int: Int] {
        for partition in 0..<Self.partitionCount { flush(partition) }
        if let failure { throw SpillFailure(reason: failure) }
        var found: [Int: Int] = [:]
        for partition in 0..<Self.partitionCount where entriesPerPartition[partition] > 1 {
            let slices = (entriesPerPartition[partition] + sliceEntries - 1) / sliceEntries
            for slice in 0..<slices {
                var table = FingerprintTable()
                try forEachEntry(in: partition) { fingerprint, registration, line in
                    // Bits below the partition's pick the slice; equal fingerprints share one.
                    guard slices == 1 || Int((fingerprint >> 32) & 0x0FFF_FFFF) % slices == slice else { return }
                    if let earlier = table.insert(fingerprint, line: line) { found[registration] = earlier }
                }
            }
        }
        return found
    }

    private func forEachEntry(in partition: Int,
                              _ body: (UInt64, Int, Int) -> Void) throws(SpillFailure) {
        let descriptor = descriptors[partition]
        var chunk = [UInt8](repeating: 0, count: Self.bufferEntries * Self.entrySize * 16)
        var offset: off_t = 0
        while true {
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if read < 0 {
                if errno == EINTR { continue }
                throw SpillFailure(reason: "reading back: " + String(cString: strerror(errno)))
            }
            if read == 0 { return }
            let whole = read - read % Self.entrySize
            chunk.withUnsafeBytes { raw in
                var position = 0
                while position < whole {
                    let fingerprint = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                    let registration = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position + 8, as: UInt32.self))
                    let line = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position + 12, as: UInt32.self))
                    body(fingerprint, Int(registration), Int(line))
                    position += Self.entrySize
                }
            }
            offset += off_t(whole)
        }
    }

    private func flush(_ partition: Int) {
        guard failure == nil, !buffers[partition].isEmpty else { return }
        do throws(SpillFailure) {
            try openFiles()
            var position = 0
            while position < buffers[partition].count {
                let written = buffers[partition].withUnsafeBytes {
                    write(descriptors[partition], $0.baseAddress! + position, $0.count - position)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SpillFailure(reason: "writing: " + String(cString: strerror(errno)))
                }
                position += written
            }
            buffers[partition].removeAll(keepingCapacity: true)
        } catch {
            failure = error.reason
        }
    }

    private func openFiles() throws(SpillFailure) {
        guard descriptors.isEmpty else { return }
        for _ in 0..<Self.partitionCount {
            var template = Array("\(directory)/.fladaemon-ids-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw SpillFailure(reason: "creating a scratch file in \(directory): " + String(cString: strerror(errno)))
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            descriptors.append(descriptor)
        }
    }
}

/// The scratch files of a `FingerprintSpill` could not be written or read.
struct SpillFailure: Error {
    var reason: String
}
