import SafeXML

/// Lookups that tolerate where the platform puts an element (and a namespace prefix on it):
/// answers are searched by local name below a known element rather than by an exact path.
extension XMLElement {
    /// The name without its namespace prefix.
    var localName: Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// The first element named `name` below this one, depth first, in document order.
    func firstDescendant(named name: String) -> XMLElement? {
        for child in children {
            if child.localName == name { return child }
            if let found = child.firstDescendant(named: name) { return found }
        }
        return nil
    }

    /// Every element named `name` below this one, in document order (not searched inside a match).
    func descendants(named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        collect(named: name, into: &found)
        return found
    }

    private func collect(named name: String, into found: inout [XMLElement]) {
        for child in children {
            if child.localName == name { found.append(child) } else { child.collect(named: name, into: &found) }
        }
    }

    /// The first direct child named `name` (local name).
    func directChild(named name: String) -> XMLElement? {
        children.first { $0.localName == name }
    }

    /// The trimmed text of an element, nil when empty.
    var trimmedText: String? {
        let value = text.trimmingXMLWhitespace()
        return value.isEmpty ? nil : value
    }
}
