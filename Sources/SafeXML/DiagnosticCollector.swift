internal import CLibXML2

/// Gathers libxml2's structured errors for one schema compilation or one validation.
final class DiagnosticCollector {
    let document: String
    let maxDiagnostics: Int
    private(set) var diagnostics: [XMLDiagnostic] = []
    private var truncated = false
    /// Called when the collector wants the parse to end (too many errors).
    var stop: () -> Void = {}

    init(document: String, maxDiagnostics: Int) {
        self.document = document
        self.maxDiagnostics = maxDiagnostics
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity != .warning } }

    func add(_ diagnostic: XMLDiagnostic) {
        guard !truncated else { return }
        guard diagnostics.count < maxDiagnostics else {
            truncated = true
            diagnostics.append(XMLDiagnostic(.fatal, document: document, line: diagnostic.line,
                                             message: "stopped after \(maxDiagnostics) problems"))
            stop()
            return
        }
        diagnostics.append(diagnostic)
    }

    func add(_ error: UnsafePointer<xmlError>) {
        let severity: XMLDiagnostic.Severity
        switch error.pointee.level {
        case XML_ERR_WARNING: severity = .warning
        case XML_ERR_ERROR: severity = .error
        default: severity = .fatal
        }
        let message = redactingElevenDigitRuns(LibXML2Runtime.message(of: error))
        add(XMLDiagnostic(severity, document: document, line: LibXML2Runtime.line(of: error), message: message))
    }
}

/// A C callback for `xmlSchemaSet…StructuredErrors` and `xmlSetStructuredErrorFunc`; the context is a collector.
let collectLibXML2Error: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().add(error)
}

/// libxml2 quotes offending values in its messages; in an FI an 11-digit value is a worker's NISS,
/// which must never reach a log in clear. Keeps the last two digits, as `NISS.masked` does.
func redactingElevenDigitRuns(_ message: String) -> String {
    let bytes = Array(message.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        var end = index
        while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
        if end - index == 11 {
            out.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: 9))
            out.append(contentsOf: bytes[(end - 2)..<end])
            index = end
        } else if end > index {
            out.append(contentsOf: bytes[index..<end])
            index = end
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
