import Foundation
import Testing
import TestSupport
@testable import Transport

/// One session carries many submissions: 500 × (write temporary, rename, empty GO), compared
/// with OpenSSH's `sftp -b` doing the same in one session. Prints both rates.
@Suite(.timeLimit(.minutes(5))) struct ThroughputTests {
    static let uploads = Int(ProcessInfo.processInfo.environment["TRANSPORT_BENCH_UPLOADS"] ?? "") ?? 500

    @Test(arguments: [true, false])
    func manyUploadsInOneSession(fsync: Bool) throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("bench")
        let payload = try randomFile(in: local, named: "payload", size: 4096)
        let client = try fixture.connect()
        client.syncsWrites = fsync
        let ours = try UploadBenchmark.run(client: client, localFile: payload.path, directory: "IN", count: Self.uploads)

        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.server.file("IN").path)
        #expect(names.filter { $0.hasPrefix("FI.BENCH.") }.count == Self.uploads)
        #expect(names.filter { $0.hasPrefix("GO.BENCH.") }.count == Self.uploads)
        #expect(!names.contains { $0.hasPrefix("tmp-") })
        #expect(try Data(contentsOf: fixture.server.file("IN/FI.BENCH.00007")) == Data(contentsOf: payload))
        #expect(ours.fsync == fsync)
        #expect(client.isUsable)

        let openSSH = try fixture.server.openSSHBatchUploads(count: Self.uploads, payload: payload, key: fixture.key,
                                                             directory: "OUT", fsync: fsync)
        let theirs = try FileManager.default.contentsOfDirectory(atPath: fixture.server.file("OUT").path)
        #expect(theirs.filter { $0.hasPrefix("FI.OSSH.") }.count == Self.uploads)
        print("[throughput] libssh2 client: \(ours)")
        print("[throughput] OpenSSH sftp -b: \(openSSH.uploads) uploads\(fsync ? " with fsync" : "") in "
              + "\(String(format: "%.3f", openSSH.seconds)) s = \(String(format: "%.1f", openSSH.uploadsPerSecond))/s")
    }
}
