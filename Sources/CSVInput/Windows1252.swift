/// Windows-1252 to Unicode. 0xA0-0xFF equal Latin-1 (U+00A0-U+00FF); 0x80-0x9F hold typographic
/// characters (€, ‘’, “”, –, —, Œ, …) and five undefined bytes, which are an error rather than a guess.
enum Windows1252 {
    /// Unicode scalars for 0x80-0x9F; 0 marks the undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D.
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The UTF-8 bytes of every byte 0x80-0xFF, packed little-end first with the length in the top byte;
    /// 0 for an undefined byte. Precomputed so transcoding is one table load per non-ASCII byte.
    static let utf8Table: [UInt32] = (0x80...0xFF).map { byte -> UInt32 in
        let scalar = byte < 0xA0 ? high[byte - 0x80] : UInt32(byte)
        guard scalar != 0, let character = Unicode.Scalar(scalar) else { return 0 }
        var packed: UInt32 = 0, length: UInt32 = 0
        for unit in String(character).utf8 {
            packed |= UInt32(unit) << (8 * length)
            length += 1
        }
        return packed | length << 24
    }
}
