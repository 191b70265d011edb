import BatchFormat
import FLAFlow
import Foundation

/// Writes one FI part into the staging folder: streamed, then published under its SHA-256.
final class FIPartWriter {
    let index: Int
    let formCreation: String
    private let stagingDirectory: String
    private let file: AtomicFileWriter
    private let document: FIDocumentWriter
    /// 4 bytes a record, for this part only: written beside the part when it closes, so that memory
    /// does not grow with the export.
    private var lines = Data()
    /// The FI line each record starts on, 4 bytes a record, written after `lines` in the same file.
    private var fiLines = Data()

    init(index: Int, header: FormHeader, stagingDirectory: String) throws {
        self.index = index
        self.stagingDirectory = stagingDirectory
        formCreation = "\(header.creationDate.iso) \(header.creationTime)"
        file = try AtomicFileWriter(path: "\(stagingDirectory)/part-\(index).xml")
        document = try FIDocumentWriter(sink: file, header: header)
    }

    var recordCount: Int { document.recordCount }
    var byteCountIfFinished: Int { document.byteCountIfFinished }

    func append(_ record: SourcedRecord) throws {
        try document.append(record.record)
        withUnsafeBytes(of: UInt32(clamping: record.line).littleEndian) { lines.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(clamping: document.lastRecordLine).littleEndian) { fiLines.append(contentsOf: $0) }
    }

    /// Closes the document and names the staged file after its content.
    func close() throws -> WrittenPart {
        try document.finish()
        let written = try file.commit()
        let target = "\(stagingDirectory)/\(written.sha256)"
        try AtomicFileWriter.renameWithoutReplacing(written.path, to: target)
        // Staging is thrown away by a crash before the journal has the lines: no need to sync them.
        let linesPath = target + ".lines"
        do { try (lines + fiLines).write(to: URL(fileURLWithPath: linesPath)) } catch {
            throw ConversionError.from(error, doing: "cannot write \(linesPath)")
        }
        return WrittenPart(index: index, path: target, byteCount: written.byteCount, sha256: written.sha256,
                           recordCount: recordCount, formCreation: formCreation, recordLinesPath: linesPath,
                           needsValidation: true)
    }

    func abandon() { file.abandon() }
}
