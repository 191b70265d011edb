internal import CLibXML2
import Glibc

/// An XML Schema compiled once and used for any number of validations, from any thread.
///
/// Each validation gets its own libxml2 validation and parser contexts; the compiled schema is only
/// read. Documents are streamed (`xmlSchemaValidateStream`, the SAX path behind
/// `xmlSchemaValidateFile`), so a file of a million records validates in bounded memory, and are held
/// to the same rules as `XMLStreamReader`: no DOCTYPE, no entity, depth and size limits.
public final class XSDValidator: @unchecked Sendable {
    public let schemaPath: String
    /// Validation stops after this many problems: a systematically wrong file must not flood the log.
    public let maxDiagnostics: Int
    private let schema: xmlSchemaPtr

    /// Compiles the schema (its own `xs:include`s resolve relative to it; never over the network).
    public init(schemaAt path: String, maxDiagnostics: Int = 200) throws(XMLError) {
        LibXML2Runtime.initialize()
        guard access(path, R_OK) == 0 else {
            throw XMLError(.invalidSchema, document: path, message: "cannot read the schema: \(String(cString: strerror(errno)))")
        }
        let collector = DiagnosticCollector(document: path, maxDiagnostics: 50)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let compiled: xmlSchemaPtr? = LibXML2Runtime.withStructuredErrors(to: context, handler: collectLibXML2Error) {
            guard let parser = xmlSchemaNewParserCtxt(path) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, collectLibXML2Error, context)
            return xmlSchemaParse(parser)
        }
        guard let compiled, !collector.hasErrors else {
            if let compiled { xmlSchemaFree(compiled) }
            let first = collector.diagnostics.first { $0.severity != .warning }
            throw XMLError(.invalidSchema, document: path, line: first?.line,
                           message: "not a usable XML Schema: " + (first?.message ?? "libxml2 could not compile it"))
        }
        schemaPath = path
        self.maxDiagnostics = maxDiagnostics
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Every problem found in the file, in document order; empty when the file is valid.
    /// Offending 11-digit values (NISS) are masked in the messages.
    public func validate(fileAt path: String, limits: XMLParsingLimits = .largeDocuments) -> [XMLDiagnostic] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return [XMLDiagnostic(.fatal, document: path, message: "cannot open: \(String(cString: strerror(errno)))")]
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return [XMLDiagnostic(.fatal, document: path, message: "not a regular file")]
        }
        guard Int(status.st_size) <= limits.maxBytes else {
            return [XMLDiagnostic(.fatal, document: path,
                                  message: "\(status.st_size) bytes is more than the \(limits.maxBytes) accepted")]
        }
        return validate(.file(descriptor: descriptor), document: path, limits: limits)
    }

    /// Validates a document held in memory.
    public func validate(bytes: [UInt8], documentName: String,
                         limits: XMLParsingLimits = .smallDocuments) -> [XMLDiagnostic] {
        guard bytes.count <= limits.maxBytes else {
            return [XMLDiagnostic(.fatal, document: documentName,
                                  message: "\(bytes.count) bytes is more than the \(limits.maxBytes) accepted")]
        }
        return validate(.memory(bytes), document: documentName, limits: limits)
    }

    private func validate(_ source: ValidationRun.Source, document: String, limits: XMLParsingLimits) -> [XMLDiagnostic] {
        let collector = DiagnosticCollector(document: document, maxDiagnostics: maxDiagnostics)
        let run = ValidationRun(source: source, collector: collector, limits: limits)
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return [XMLDiagnostic(.fatal, document: document, message: "libxml2 could not create a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        run.validation = validation
        let collectorContext = Unmanaged.passUnretained(collector).toOpaque()
        let runContext = Unmanaged.passUnretained(run).toOpaque()
        xmlSchemaSetValidStructuredErrors(validation, collectLibXML2Error, collectorContext)
        // The parser inside xmlSchemaValidateStream has no per-context error hook once the schema
        // layer is plugged in: its well-formedness errors go to the thread's handler.
        let status: Int32 = LibXML2Runtime.withStructuredErrors(to: collectorContext, handler: collectLibXML2Error) {
            guard let input = xmlParserInputBufferCreateIO(readForValidation, keepOpenForValidation, runContext,
                                                           XML_CHAR_ENCODING_NONE) else { return -1 }
            var handler = ValidationRun.makeHandler()
            return xmlSchemaValidateStream(validation, input, XML_CHAR_ENCODING_NONE, &handler, runContext)
        }
        withExtendedLifetime(run) {}
        var diagnostics = collector.diagnostics
        if status != 0 && !diagnostics.contains(where: { $0.severity != .warning }) {
            diagnostics.append(XMLDiagnostic(.fatal, document: document,
                                             message: "validation failed without a message (libxml2 status \(status))"))
        }
        return diagnostics
    }
}

extension Array where Element == XMLDiagnostic {
    /// True when nothing worse than a warning was found.
    public var isValid: Bool { allSatisfy { $0.severity == .warning } }
}
