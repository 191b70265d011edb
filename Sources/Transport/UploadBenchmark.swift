/// Measures the upload pattern of submissions on one open session: for each of `count` files,
/// write under a temporary name, rename to the final name, then create an empty GO file.
///
/// Meant for the benchmark tool and tests; it writes `tmp-<prefix>-NNNNN`,
/// `FI.<prefix>.NNNNN` and `GO.<prefix>.NNNNN` into `directory`, so use a scratch folder.
public enum UploadBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public let uploads: Int
        public let bytesPerUpload: UInt64
        public let seconds: Double
        public let fsync: Bool
        public var uploadsPerSecond: Double { Double(uploads) / seconds }
        public var description: String {
            let rate = (uploadsPerSecond * 10).rounded() / 10
            return "\(uploads) uploads of \(bytesPerUpload) B (+ rename + empty GO)\(fsync ? " with fsync" : "") "
                + "in \(String(describing: (seconds * 1000).rounded() / 1000)) s = \(rate)/s"
        }
    }

    public static func run(client: SFTPClient, localFile: String, directory: String, count: Int,
                           prefix: String = "BENCH") throws -> Result {
        let clock = ContinuousClock()
        var size: UInt64 = 0
        let elapsed = try clock.measure {
            for index in 0..<count {
                let number = String(index).leftPadded(to: 5)
                let temporary = try RemotePath(directory: directory, validating: "tmp-\(prefix)-\(number)")
                size = try client.writeFile(local: localFile, remotePath: temporary)
                try client.rename(from: temporary, to: temporary.sibling(try RemoteName(validating: "FI.\(prefix).\(number)")))
                try client.createEmpty(RemotePath(directory: directory, validating: "GO.\(prefix).\(number)"))
            }
        }
        return Result(uploads: count, bytesPerUpload: size, seconds: max(elapsed.secondsValue, 1e-9),
                      fsync: client.syncsWrites && client.serverSupportsFsync == true)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
