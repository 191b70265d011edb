/// Decides when a file written in place is complete: once its size and modification time (and
/// identity) have not changed for `settle`. Pure logic: the caller passes the time and the file's
/// current state, so tests need neither sleeps nor files.
///
/// Sampling only at the ends of the window is enough: any write in between changes the mtime.
public struct SettleTracker: Sendable {
    public typealias Instant = ContinuousClock.Instant

    public let settle: Duration
    private var entries: [String: Entry] = [:]

    private struct Entry: Sendable {
        var snapshot: FileSnapshot
        var unchangedSince: Instant
    }

    public init(settle: Duration) {
        self.settle = settle
    }

    /// Names being watched until they settle.
    public var tracked: Set<String> { Set(entries.keys) }
    public var isEmpty: Bool { entries.isEmpty }

    /// Starts (or refreshes) watching a file seen written in place or found by a listing. A nil
    /// snapshot (the file is gone) stops watching it.
    public mutating func observe(_ name: String, snapshot: FileSnapshot?, now: Instant) {
        guard let snapshot else {
            entries[name] = nil
            return
        }
        if let entry = entries[name], entry.snapshot == snapshot { return }
        entries[name] = Entry(snapshot: snapshot, unchangedSince: now)
    }

    /// Stops watching (the file was claimed or went away).
    public mutating func forget(_ name: String) {
        entries[name] = nil
    }

    /// Compares every watched file with its state now; returns those unchanged for `settle`, sorted,
    /// and stops watching them. Files that are gone are dropped.
    public mutating func settled(now: Instant, snapshot: (String) -> FileSnapshot?) -> [String] {
        var ready: [String] = []
        for (name, entry) in entries {
            guard let current = snapshot(name) else {
                entries[name] = nil
                continue
            }
            if current != entry.snapshot {
                entries[name] = Entry(snapshot: current, unchangedSince: now)
            } else if now - entry.unchangedSince >= settle {
                ready.append(name)
                entries[name] = nil
            }
        }
        return ready.sorted()
    }

    /// When the earliest watched file could have settled: the next moment worth looking.
    public var nextDeadline: Instant? {
        entries.values.map { $0.unchangedSince + settle }.min()
    }
}
