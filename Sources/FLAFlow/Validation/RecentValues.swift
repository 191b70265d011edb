import Identifiers

/// Values a reader checked on earlier rows, by their text. Exports repeat the employer and the joint
/// committee on every row and a worker on consecutive rows, so most rows reuse a checked value instead of
/// checking it again (a NISS check or a committee split costs more than the whole CSV parsing of its field).
struct RecentValues: Sendable {
    var niss = ValueMemo<NISS>()
    var employer = ValueMemo<BCE>()
    var provider = ValueMemo<BCE>()
    var onss = ValueMemo<ONSSNumber>()
    var jointCommittee = ValueMemo<JointCommittee>()
}

/// One field's last valid text and value. Texts that fail are not kept: they fail again every time.
struct ValueMemo<Value: Sendable>: Sendable {
    private var text = ""
    private var value: Value?

    mutating func value<Failure>(for text: String,
                                 parse: (String) throws(Failure) -> Value) throws(Failure) -> Value {
        if let value, text == self.text { return value }
        let parsed = try parse(text)
        self.text = text
        value = parsed
        return parsed
    }

    mutating func value(for text: String, parse: (String) -> Value?) -> Value? {
        if let value, text == self.text { return value }
        guard let parsed = parse(text) else { return nil }
        self.text = text
        value = parsed
        return parsed
    }
}
