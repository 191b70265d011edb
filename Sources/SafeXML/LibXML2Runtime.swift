internal import CLibXML2

/// The process-wide libxml2 set-up and the error plumbing every SafeXML entry point shares.
enum LibXML2Runtime {
    private static let initialization: Void = {
        xmlInitParser()
        // Defence in depth: whatever libxml2 is asked to load (an xs:include of an operator's schema,
        // say), it never goes to the network for it.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
    }()

    /// libxml2 must be initialised once before it is used from several threads.
    static func initialize() { _ = initialization }

    /// Routes libxml2's structured errors to `handler` while `body` runs.
    ///
    /// Needed where libxml2 offers no per-context hook (the parser behind `xmlSchemaValidateStream`).
    /// The handler slot is thread-local in libxml2 builds with threads (Debian's), and `body` is
    /// synchronous, so concurrent validations on other threads never see each other's handler.
    static func withStructuredErrors<T, E: Error>(
        to context: UnsafeMutableRawPointer, handler: xmlStructuredErrorFunc, _ body: () throws(E) -> T
    ) throws(E) -> T {
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(context, handler)
        defer { xmlSetStructuredErrorFunc(previousContext ?? nil, previousHandler ?? nil) }
        return try body()
    }

    /// libxml2's message without its trailing newline.
    static func message(of error: UnsafePointer<xmlError>) -> String {
        guard let raw = error.pointee.message else { return "unknown libxml2 error (code \(error.pointee.code))" }
        var text = String(cString: raw)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return text
    }

    static func line(of error: UnsafePointer<xmlError>) -> Int? {
        error.pointee.line > 0 ? Int(error.pointee.line) : nil
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static var sax2Magic: UInt32 { UInt32(truncatingIfNeeded: XML_SAX2_MAGIC) }

    /// The only parser option SafeXML ever sets. Deliberately absent: NOENT (entity substitution),
    /// DTDLOAD/DTDATTR/DTDVALID (DTD loading), XINCLUDE and HUGE (which lifts libxml2's own limits).
    static var safeParserOptions: Int32 { Int32(XML_PARSE_NONET.rawValue) }
}
