/// `SystemCorrection`: a change the platform made itself to a declaration, block by block.
public struct SystemCorrection: Hashable, Sendable {
    /// One `BlockAction`: what was done (`Action`) to which block (`BlockName`), identified by its keys,
    /// with the new values of its fields (`DataValue`: `FieldName`, `NewValue`).
    public struct BlockAction: Hashable, Sendable {
        public var action: String?
        public var blockName: String?
        public var keys: [AnswerKeyValue]
        public var newValues: [AnswerKeyValue]

        public init(action: String?, blockName: String?, keys: [AnswerKeyValue] = [], newValues: [AnswerKeyValue] = []) {
            self.action = action; self.blockName = blockName; self.keys = keys; self.newValues = newValues
        }
    }

    /// `CorrectionType`: RC or UC.
    public var correctionType: String?
    public var blocks: [BlockAction]

    public init(correctionType: String?, blocks: [BlockAction]) {
        self.correctionType = correctionType; self.blocks = blocks
    }

    /// One line, masked: `RC: action 1 on Occupation (INSS=…, ...) set WorkingDaysSystem=5`.
    public var maskedText: String {
        var parts: [String] = []
        for block in blocks {
            var text = "action \(block.action ?? "?") on \(block.blockName ?? "?")"
            if let keys = AnswerKeyValue.maskedText(block.keys) { text += " (\(keys))" }
            if let values = AnswerKeyValue.maskedText(block.newValues) { text += " set \(values)" }
            parts.append(text)
        }
        return "\(correctionType ?? "?"): " + (parts.isEmpty ? "no block" : parts.joined(separator: "; "))
    }
}
