import CZlib
import Foundation

/// The content of a `CO.…` file the platform returns: gzip or zip, recognised by its first bytes
/// (not its name), unpacked with zlib under a size limit so a small file cannot blow up in memory.
/// This type owns the zlib boundary.
public enum CompressedAnswer {
    public enum Format: String, Sendable {
        case gzip
        case zip
        /// Neither: kept as it came and reported.
        case unknown
    }

    public enum Failure: Error, CustomStringConvertible {
        case tooLarge(limit: Int)
        case corrupt(String)
        case empty

        public var description: String {
            switch self {
            case .tooLarge(let limit): return "unpacks to more than \(limit) bytes"
            case .corrupt(let reason): return "cannot be unpacked: \(reason)"
            case .empty: return "holds no file"
            }
        }
    }

    public static func format(of bytes: [UInt8]) -> Format {
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { return .gzip }
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 { return .zip }
        return .unknown
    }

    /// The answer inside: the gzip's content, or the first file of the zip (and how many files it held).
    public static func unpack(_ bytes: [UInt8], format: Format, maxBytes: Int) throws(Failure) -> (content: [UInt8], files: Int) {
        switch format {
        case .gzip: return (try inflate(bytes[...], windowBits: 15 + 16, maxBytes: maxBytes), 1)
        case .zip:
            let entries = try zipEntries(bytes)
            guard let first = entries.first else { throw .empty }
            return (try zipContent(bytes, entry: first, maxBytes: maxBytes), entries.count)
        case .unknown: throw .corrupt("neither gzip nor zip")
        }
    }

    // MARK: zip

    struct ZipEntry {
        var method: Int
        var compressedSize: Int
        var localHeaderOffset: Int
    }

    /// Reads the central directory; folders are left out.
    static func zipEntries(_ bytes: [UInt8]) throws(Failure) -> [ZipEntry] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // End of central directory: 22 bytes plus a comment of at most 65535.
        var end = -1
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 { end = index; break }
            index -= 1
        }
        guard end >= 0 else { throw .corrupt("no zip directory") }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var entries: [ZipEntry] = []
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw .corrupt("bad zip directory entry") }
            let nameLength = u16(offset + 28), extra = u16(offset + 30), comment = u16(offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { throw .corrupt("bad zip directory entry") }
            let isFolder = nameLength > 0 && bytes[offset + 46 + nameLength - 1] == UInt8(ascii: "/")
            if !isFolder {
                entries.append(ZipEntry(method: u16(offset + 10), compressedSize: u32(offset + 20),
                                        localHeaderOffset: u32(offset + 42)))
            }
            offset += 46 + nameLength + extra + comment
        }
        return entries
    }

    static func zipContent(_ bytes: [UInt8], entry: ZipEntry, maxBytes: Int) throws(Failure) -> [UInt8] {
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, bytes[header] == 0x50, bytes[header + 1] == 0x4B,
              bytes[header + 2] == 0x03, bytes[header + 3] == 0x04 else { throw .corrupt("bad zip entry") }
        let nameLength = Int(bytes[header + 26]) | Int(bytes[header + 27]) << 8
        let extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        let start = header + 30 + nameLength + extra
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt("zip entry runs past the file") }
        let data = bytes[start..<(start + entry.compressedSize)]
        switch entry.method {
        case 0:
            guard data.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
            return Array(data)
        case 8: return try inflate(data, windowBits: -15, maxBytes: maxBytes)
        default: throw .corrupt("zip method \(entry.method) is not supported (stored or deflated only)")
        }
    }

    // MARK: zlib

    static func inflate(_ input: ArraySlice<UInt8>, windowBits: Int32, maxBytes: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        var input = Array(input)
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                }
            } while status == Z_OK && output.count <= maxBytes && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        guard output.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        guard status == Z_STREAM_END else { throw .corrupt("compressed data ends early or is damaged (zlib \(status))") }
        return output
    }
}
