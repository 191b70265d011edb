/// What a byte means to the record parser. One table load per byte tells an ordinary byte (the common
/// case, skipped in a tight loop) from the few that need a decision. Plain `UInt8` constants rather than
/// an enum: the hot loops compare them without going through `Equatable`.
enum ByteClass {
    static let ordinary: UInt8 = 0
    static let delimiter: UInt8 = 1
    static let quote: UInt8 = 2
    static let carriageReturn: UInt8 = 3
    static let lineFeed: UInt8 = 4
    static let nul: UInt8 = 5
    /// 0x80-0xFF: the field needs UTF-8 validation or Windows-1252 transcoding.
    static let high: UInt8 = 6

    /// Classes for scanning an unquoted field: a quote there is literal (`5" disk`), so it is ordinary.
    static func unquotedTable(delimiter: UInt8) -> [UInt8] {
        var table = baseTable()
        table[Int(delimiter)] = Self.delimiter
        return table
    }

    /// Classes for scanning inside quotes: the delimiter is ordinary, the quote ends or doubles.
    static func quotedTable() -> [UInt8] {
        var table = baseTable()
        table[Int(UInt8(ascii: "\""))] = quote
        return table
    }

    private static func baseTable() -> [UInt8] {
        var table = [UInt8](repeating: ordinary, count: 256)
        for byte in 0x80...0xFF { table[byte] = high }
        table[0] = nul
        table[13] = carriageReturn
        table[10] = lineFeed
        return table
    }
}
