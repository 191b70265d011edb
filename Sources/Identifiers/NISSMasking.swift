/// Masks anything shaped like a NISS in text that is about to be logged.
///
/// Defense in depth: callers should already log `NISS.masked`, but a raw number can slip in through
/// an error description or a file excerpt. Any group of exactly 11 digits — written plainly
/// (`85073003328`) or with the usual separators (`85.07.30-033.28`, `850730 033 28`) — becomes
/// `*********28`, the same shape as `Identifiers.NISS.masked`, when it stands as a word of its own
/// (not glued to a letter, as inside a UUID). Over-masking an unrelated 11-digit number is
/// accepted; a leak is not. A byte scan, no regex: text without 11 digits
/// is returned untouched, without allocating.
public enum NISSMasking {
    /// `text` with every NISS-shaped group of digits masked.
    public static func masking(_ text: String) -> String {
        var digitCount = 0
        for byte in text.utf8 where isDigit(byte) {
            digitCount += 1
            if digitCount >= 11 { break }
        }
        guard digitCount >= 11 else { return text }
        let bytes = Array(text.utf8)
        let windows = maskedWindows(in: bytes)
        guard !windows.isEmpty else { return text }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        for window in windows {
            output.append(contentsOf: bytes[position..<window.lowerBound])
            output.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: 9))
            // The last two digits of the window stay visible, as in `NISS.masked`.
            var tail: [UInt8] = []
            var index = window.upperBound
            while tail.count < 2, index > window.lowerBound {
                index -= 1
                if isDigit(bytes[index]) { tail.insert(bytes[index], at: 0) }
            }
            output.append(contentsOf: tail)
            position = window.upperBound
        }
        output.append(contentsOf: bytes[position...])
        return String(decoding: output, as: UTF8.self)
    }

    /// A group of digits bound by `.`, `-` or `/` (a single one between two digits).
    private struct Token {
        var range: Range<Int>
        var digits: Int
    }

    /// Byte ranges to mask, in order and non-overlapping.
    private static func maskedWindows(in bytes: [UInt8]) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var chain: [Token] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { index += 1; continue }
            let token = readToken(bytes, from: index)
            // Tokens separated by exactly one space form a chain: "85 07 30 033 28" is one number.
            if let last = chain.last, !(token.range.lowerBound == last.range.upperBound + 1
                                          && bytes[last.range.upperBound] == UInt8(ascii: " ")) {
                windows += elevenDigitWindows(in: chain, of: bytes)
                chain.removeAll(keepingCapacity: true)
            }
            chain.append(token)
            index = token.range.upperBound
        }
        windows += elevenDigitWindows(in: chain, of: bytes)
        return windows
    }

    private static func readToken(_ bytes: [UInt8], from start: Int) -> Token {
        var end = start
        var digits = 0
        while end < bytes.count {
            if isDigit(bytes[end]) {
                digits += 1
                end += 1
            } else if isInnerSeparator(bytes[end]), end + 1 < bytes.count, isDigit(bytes[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        return Token(range: start..<end, digits: digits)
    }

    /// Greedy left to right: the first run of consecutive tokens holding exactly 11 digits is masked,
    /// so "85073003328 12" masks the NISS and keeps "12".
    private static func elevenDigitWindows(in chain: [Token], of bytes: [UInt8]) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var first = 0
        while first < chain.count {
            var total = 0
            var last = first
            while last < chain.count, total < 11 {
                total += chain[last].digits
                last += 1
            }
            let window = chain[first].range.lowerBound..<chain[last - 1].range.upperBound
            if total == 11, standsAlone(window, in: bytes) {
                windows.append(window)
                first = last
            } else {
                first += 1
            }
        }
        return windows
    }

    /// Digits glued to a letter belong to another identifier: the `792-6058-4415` inside the UUID
    /// `…C792-6058-4415-A1AB…` is no NISS. A NISS is written as a word of its own.
    private static func standsAlone(_ window: Range<Int>, in bytes: [UInt8]) -> Bool {
        let before = window.lowerBound > 0 ? bytes[window.lowerBound - 1] : UInt8(ascii: " ")
        let after = window.upperBound < bytes.count ? bytes[window.upperBound] : UInt8(ascii: " ")
        return !isASCIILetter(before) && !isASCIILetter(after)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isInnerSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }
}
