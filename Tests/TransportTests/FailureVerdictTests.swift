import BatchFormat
import Delivery
import Foundation
import Testing
import Transport

/// One decision for every error of a delivery, used by the upload stage, the answers stage and `push`.
@Suite struct FailureVerdictTests {
    struct SomethingElse: Error {}

    @Test func eachKindOfErrorGetsItsVerdict() {
        #expect(FailureVerdict(TransportError.connectionLost(operation: "writing", detail: "reset")) == .retryLater)
        #expect(FailureVerdict(TransportError.timedOut(operation: "opening", limit: .seconds(5))) == .retryLater)
        #expect(FailureVerdict(TransportError.authenticationRefused(user: "u", keyPath: "/k")) == .pauseChannel)
        guard case .pauseForMachine(let condition) = FailureVerdict(FileSystemError(.sync, path: "/spool/x", code: ENOSPC)) else {
            Issue.record("a full disk is a condition of the machine"); return
        }
        #expect(condition.reason.contains("/spool/x"))
        #expect(FailureVerdict(TransportError.remoteFileExists(path: "IN/GO.x")) == .stopItem)
        #expect(FailureVerdict(SomethingElse()) == .stopItem)
        #expect(FailureVerdict(SomethingElse()).othersMayProceed)
        #expect(!FailureVerdict(TransportError.authenticationRefused(user: "u", keyPath: "/k")).othersMayProceed)
    }
}
