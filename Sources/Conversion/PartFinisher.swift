import BatchFormat
import Dispatch
import Foundation
import SafeXML

/// Validates and signs written parts on a background queue while the next part is being written,
/// so that on two cores reading, validating and signing overlap. At most `inFlight` parts wait.
final class PartFinisher: @unchecked Sendable {
    private let validator: XSDValidator
    private let signer: SigningIdentity?
    private let queue = DispatchQueue(label: "fladaemon.part-finisher", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var results: [Int: Result<StagedPart, ConversionError>] = [:]

    init(validator: XSDValidator, signer: SigningIdentity?, inFlight: Int = 2) {
        self.validator = validator
        self.signer = signer
        slots = DispatchSemaphore(value: inFlight)
    }

    func submit(_ part: WrittenPart) {
        slots.wait()
        group.enter()
        queue.async { [self] in
            defer { slots.signal(); group.leave() }
            let result = Result { () throws(ConversionError) in try finish(part) }
            lock.withLock { results[part.index] = result }
        }
    }

    /// Every submitted part, in submission order, or the first failure.
    func waitForAll() throws(ConversionError) -> [StagedPart] {
        group.wait()
        let finished = lock.withLock { results }
        var parts: [StagedPart] = []
        for index in finished.keys.sorted() {
            parts.append(try finished[index]!.get())
        }
        return parts
    }

    private func finish(_ part: WrittenPart) throws(ConversionError) -> StagedPart {
        if part.needsValidation {
            let diagnostics = validator.validate(fileAt: part.path)
            let errors = diagnostics.filter { $0.severity != .warning }
            if !errors.isEmpty {
                throw .schemaViolation(file: "FI part \(part.index)", messages: errors.map(\.description))
            }
        }
        var staged = StagedPart(fiPath: part.path, fiByteCount: part.byteCount, fiSHA256: part.sha256, fs: nil,
                                recordCount: part.recordCount, formCreation: part.formCreation,
                                recordLinesPath: part.recordLinesPath)
        if let signer {
            do {
                let fs = FSEncoding.encode(der: try signer.signDetached(fileAt: part.path))
                let sha = SHA256.hex(of: fs)
                let directory = (part.path as NSString).deletingLastPathComponent
                let written = try AtomicFileWriter.write(fs, to: "\(directory)/\(sha)")
                staged.fs = (written.path, written.byteCount, written.sha256)
            } catch let error as SigningError {
                throw .signing(error.description)
            } catch {
                throw .from(error, doing: "writing the signature of FI part \(part.index)")
            }
        }
        return staged
    }
}
