/// How many dot-separated fields a batch file name has. The platform writes all three:
/// `FO.ACRF.999999.20250410.99998.T` (6, its usual answer), `GO.DMPI.012996.20090718.50002.R.1` (7,
/// with the part count), `FO.NOTI.….R.1.1` (8, part count and part number). We always write 8 for
/// FI and FS and 7 for GO and TD, so a split submission is never ambiguous.
public enum BatchNameLength: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `<TYPE>.<FLOW>.<SENDER>.<YYYYMMDD>.<SEQ>.<ENV>`: no part count.
    case six = 6
    /// `… .<ENV>.<PARTS>`.
    case seven = 7
    /// `… .<ENV>.<PARTS>.<PART>`.
    case eight = 8

    /// The length we write for files of this kind.
    public static func written(for kind: BatchFileKind) -> BatchNameLength {
        kind.hasPartNumber ? .eight : .seven
    }

    /// The lengths a name of this kind may have when read: a GO or TD never carries a part number.
    public static func readable(for kind: BatchFileKind) -> [BatchNameLength] {
        kind.hasPartNumber ? [.six, .seven, .eight] : [.six, .seven]
    }

    public var description: String { "\(rawValue) fields" }
}
