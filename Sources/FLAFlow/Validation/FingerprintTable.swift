/// A set of 64-bit fingerprints, each with the line it was first seen on, in 16 bytes an entry or
/// less: fingerprints and lines in insertion order (12 bytes each, in fixed-size chunks so growth never
/// copies or doubles them) and an open-addressing index of 32-bit entry numbers, at most 3/4 full.
/// A `Dictionary<UInt64, UInt32>` would take twice that. Its users bound how many entries it holds.
struct FingerprintTable: Sendable {
    private static let chunkShift = 16
    private static let chunkSize = 1 << chunkShift

    private var fingerprintChunks: [[UInt64]] = []
    private var lineChunks: [[UInt32]] = []
    /// Entry number + 1 per slot; 0 is an empty slot. The slot of a fingerprint is its low bits.
    private var index: [UInt32]
    private var mask: Int
    private(set) var count = 0

    init() {
        index = [UInt32](repeating: 0, count: 1024)
        mask = 1023
    }

    /// Adds `fingerprint` first seen on `line`; if it is already there, returns its first line instead.
    mutating func insert(_ fingerprint: UInt64, line: Int) -> Int? {
        let (found, slot) = find(fingerprint)
        if let found { return found }
        if count % Self.chunkSize == 0 {
            fingerprintChunks.append([])
            fingerprintChunks[fingerprintChunks.count - 1].reserveCapacity(Self.chunkSize)
            lineChunks.append([])
            lineChunks[lineChunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        fingerprintChunks[fingerprintChunks.count - 1].append(fingerprint)
        lineChunks[lineChunks.count - 1].append(UInt32(clamping: line))
        count += 1
        index[slot] = UInt32(truncatingIfNeeded: count)
        if count * 4 > index.count * 3 { growIndex() }
        return nil
    }

    /// The line `fingerprint` was first seen on, if it is here.
    func line(of fingerprint: UInt64) -> Int? { find(fingerprint).line }

    /// The line of `fingerprint` if present, else the empty slot where it belongs.
    private func find(_ fingerprint: UInt64) -> (line: Int?, slot: Int) {
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = index[slot]
            if entry == 0 { return (nil, slot) }
            let number = Int(entry) - 1
            let chunk = number >> Self.chunkShift, offset = number & (Self.chunkSize - 1)
            if fingerprintChunks[chunk][offset] == fingerprint { return (Int(lineChunks[chunk][offset]), slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the index and places every entry again (the entries themselves stay where they are).
    private mutating func growIndex() {
        let size = index.count * 2
        var larger = [UInt32](repeating: 0, count: size)
        let newMask = size - 1
        var number = 0
        for chunk in fingerprintChunks {
            for fingerprint in chunk {
                var slot = Int(truncatingIfNeeded: fingerprint) & newMask
                while larger[slot] != 0 { slot = (slot + 1) & newMask }
                number += 1
                larger[slot] = UInt32(truncatingIfNeeded: number)
            }
        }
        index = larger
        mask = newMask
    }
}
