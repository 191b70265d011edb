import Foundation
import Spool
import Synchronization

/// Records what `Intake.run` hands over, with when.
final class ClaimRecorder: Sendable {
    struct Claim: Sendable {
        let export: ClaimedExport
        let at: ContinuousClock.Instant
        /// The file's bytes when it was handed over.
        let contents: [UInt8]
    }

    private let storage = Mutex<[Claim]>([])

    var claims: [Claim] { storage.withLock { $0 } }
    var sourceNames: [String] { claims.map(\.export.sourceName) }

    var handler: @Sendable (ClaimedExport) async -> Void {
        { [self] export in
            let contents = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: export.path)))) ?? []
            storage.withLock { $0.append(Claim(export: export, at: .now, contents: contents)) }
        }
    }
}
