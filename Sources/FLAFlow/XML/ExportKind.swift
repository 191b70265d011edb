import CSVInput
import Glibc
import SafeXML

/// What kind of export a spool file holds, told from its first bytes and, for XML, its root element.
public enum ExportKind: String, Hashable, Sendable {
    /// A CSV file (canonical or mapped through a profile).
    case csv
    /// The canonical export XML (`fla_export`, schema fla-export-1.xsd).
    case canonicalXML
    /// An FI document already formed by the exporter (root `FLAOriginal`): only checked, named and signed.
    case formedFI

    public static let canonicalRoot = "fla_export"
    public static let formedFIRoot = "FLAOriginal"

    /// Reads only as far as the root element. XML that is hostile (DOCTYPE, ...), broken before its root,
    /// or has another root is a problem with the file.
    public static func detect(path: String, displayName: String? = nil) throws(RecordProblem) -> ExportKind {
        let name = displayName ?? path
        let head = try firstBytes(of: path, count: 512, name: name)
        var index = 0, width = 1
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if let mark = WideByteOrderMark(startOf: head) {
            // XML may come as UTF-16, which libxml2 reads. Other wide text goes to the CSV reader, which
            // refuses it saying what it is; libxml2 would only call it "empty".
            guard mark == .utf16LittleEndian || mark == .utf16BigEndian else { return .csv }
            index = 2
            width = 2
        }
        // One character as a code unit (ASCII is all that is looked for here).
        func unit(at offset: Int) -> UInt16 {
            guard width == 2 else { return UInt16(head[offset]) }
            let (high, low) = head[0] == 0xFE ? (head[offset], head[offset + 1]) : (head[offset + 1], head[offset])
            return UInt16(high) << 8 | UInt16(low)
        }
        while index + width <= head.count, [0x20, 0x09, 0x0A, 0x0D].contains(unit(at: index)) { index += width }
        guard index + width <= head.count, unit(at: index) == UInt16(UInt8(ascii: "<")) else { return .csv }

        do {
            let reader = try XMLStreamReader(fileAt: path)
            while let event = try reader.next() {
                guard case .startElement(let root) = event else { continue }
                switch root.name {
                case canonicalRoot: return .canonicalXML
                case formedFIRoot: return .formedFI
                default:
                    throw RecordProblem(file: name, line: root.line, reason:
                        "the XML root element is <\(root.name)>: expected <\(canonicalRoot)> (canonical export) "
                        + "or <\(formedFIRoot)> (a formed FI)")
                }
            }
        } catch let error as XMLError {
            throw RecordProblem(file: name, line: error.line, reason: error.message)
        } catch let problem as RecordProblem {
            throw problem
        } catch {
            throw RecordProblem(file: name, reason: "\(error)")
        }
        throw RecordProblem(file: name, reason: "the XML document has no root element")
    }

    private static func firstBytes(of path: String, count: Int, name: String) throws(RecordProblem) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RecordProblem(file: name, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
        guard read >= 0 else { throw RecordProblem(file: name, reason: "cannot read: \(String(cString: strerror(errno)))") }
        return Array(buffer.prefix(read))
    }
}
