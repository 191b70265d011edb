import FLAFlow
import FuzzSupport
import SafeXML

/// Small limits, so that inputs of a few kilobytes cross each of them.
private let smallLimits = XMLParsingLimits(maxDepth: 4, maxBytes: 2048, maxTextBytes: 64)

/// The canonical XML export reader (`XMLExportReader`, through SafeXML's streaming libxml2 reader):
/// records of both kinds validated or rejected, with the limits exports are read with and small ones.
/// The promises checked are those of every export reader (see `readExport`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLExport(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzExport(raw, size, file: "export.xml", limits: [XMLParsingLimits.largeDocuments, smallLimits]) { path, limits throws(RecordProblem) in
        try XMLExportReader(path: path, displayName: "export.xml", limits: limits)
    }
    return 0
}

@main
enum XMLExportFuzzer {
    static func main() { runFuzzer(test: fuzzXMLExport) }
}
