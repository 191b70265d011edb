/// The text form of an FS file: the DER signature in base64, lines of 76 characters ended by CRLF,
/// the last line too — what working clients send.
public enum FSEncoding {
    public static let lineLength = 76

    public static func encode(der: [UInt8]) -> [UInt8] {
        let base64 = Array(der.base64Text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(base64.count + (base64.count / lineLength + 1) * 2)
        var start = 0
        while start < base64.count {
            let end = min(start + lineLength, base64.count)
            out.append(contentsOf: base64[start..<end])
            out.append(contentsOf: [0x0D, 0x0A])
            start = end
        }
        return out
    }

    /// The DER inside an FS file: line breaks (CRLF or LF) and surrounding blanks ignored,
    /// anything else that is not base64 refused (nil).
    public static func decode(_ text: [UInt8]) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.count)
        var padding = 0
        for byte in text {
            switch byte {
            case 0x0D, 0x0A, 0x20, 0x09: continue
            case UInt8(ascii: "="): padding += 1; continue
            default:
                guard padding == 0, let value = decodeTable[Int(byte)] else { return nil }
                values.append(value)
            }
        }
        guard padding <= 2, (values.count + padding) % 4 == 0, values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let a = chunk[chunk.startIndex], b = chunk[chunk.startIndex + 1]
            out.append(a << 2 | b >> 4)
            if chunk.count > 2 {
                let c = chunk[chunk.startIndex + 2]
                out.append((b & 0x0F) << 4 | c >> 2)
                if chunk.count > 3 { out.append((c & 0x03) << 6 | chunk[chunk.startIndex + 3]) }
            }
            index += 4
        }
        return out
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}

extension Array where Element == UInt8 {
    /// Standard base64 with padding, one line.
    var base64Text: String {
        let alphabet = FSEncoding.alphabet
        var out: [UInt8] = []
        out.reserveCapacity((count + 2) / 3 * 4)
        var index = 0
        while index < count {
            let a = self[index]
            let b = index + 1 < count ? self[index + 1] : 0
            let c = index + 2 < count ? self[index + 2] : 0
            out.append(alphabet[Int(a >> 2)])
            out.append(alphabet[Int((a & 0x03) << 4 | b >> 4)])
            out.append(index + 1 < count ? alphabet[Int((b & 0x0F) << 2 | c >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < count ? alphabet[Int(c & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
