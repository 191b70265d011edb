import Configuration
import Foundation
import Synchronization
import Yams

/// Finds the keys of a configuration file that fladaemon never reads (a typo such as `sftp.hots` is
/// otherwise silently ignored) and the known key each one most likely meant. What is known is what the
/// reader actually asked for while reading that file, recorded as it went: no second list to keep in step.
public enum ConfigurationKeys {
    /// One key of the file nobody reads.
    public struct Unknown: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var suggestion: String?
        public var description: String {
            "unknown key \(key)" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        }
    }

    /// Records every key a `ConfigReader` is asked for.
    final class Recorder: AccessReporter {
        let keys = Mutex<Set<String>>([])
        func report(_ event: AccessEvent) {
            let key = event.metadata.key.components.joined(separator: ".")
            _ = keys.withLock { $0.insert(key) }
        }
    }

    /// The keys of the YAML file at `path` (leaves, dotted) that are not among `consulted`.
    public static func unknown(inYAMLAt path: String, consulted: Set<String>) throws -> [Unknown] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) else { return [] }
        var leaves: [String] = []
        flatten(root, prefix: "", into: &leaves)
        return leaves.filter { !consulted.contains($0) }.sorted().map { key in
            Unknown(key: key, suggestion: closest(to: key, among: consulted))
        }
    }

    private static func flatten(_ node: Any, prefix: String, into leaves: inout [String]) {
        if let map = node as? [String: Any] {
            for (name, value) in map { flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &leaves) }
        } else if let map = node as? [AnyHashable: Any] {
            for (name, value) in map { flatten(value, prefix: prefix.isEmpty ? "\(name)" : "\(prefix).\(name)", into: &leaves) }
        } else if !prefix.isEmpty {
            leaves.append(prefix)
        }
    }

    /// The known key nearest by edit distance, when near enough to be a typo.
    static func closest(to key: String, among known: Set<String>) -> String? {
        let candidates = known.map { ($0, distance(key, $0)) }.filter { $0.1 <= max(2, key.count / 5) }
        return candidates.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
