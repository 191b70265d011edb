import Foundation

/// Valid national numbers, spread over births before and after 2000.
enum SampleNISS {
    static func make(_ index: Int) -> String {
        let year = (index / 337) % 100
        let month = 1 + index % 12
        let day = 1 + index % 28
        let counter = 1 + (index / 12) % 997
        let body = year * 10_000_000 + month * 100_000 + day * 1000 + counter
        // Born from 2000 on when the year is below 26: the check runs over "2" + the nine digits.
        let check = year < 26 ? 97 - (2_000_000_000 + body) % 97 : 97 - body % 97
        return String(format: "%09d%02d", body, check)
    }
}
