import Foundation

/// Nearest-rank percentiles of a set of durations, in milliseconds.
struct LatencySummary {
    private let sorted: [Double]

    init(milliseconds: [Double]) { sorted = milliseconds.sorted() }

    var count: Int { sorted.count }

    /// The smallest sample with at least `fraction` of the samples at or below it (nan when empty).
    func percentile(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var maximum: Double { sorted.last ?? .nan }
    var minimum: Double { sorted.first ?? .nan }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
