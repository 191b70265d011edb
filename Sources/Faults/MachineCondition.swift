import Foundation
import Glibc

/// A condition of the machine (a full disk, a quota, an I/O error, missing rights, a read-only mount,
/// a journal that cannot be written), as opposed to a fault of one file. The one place that decides:
/// a stage meeting one pauses, keeps its input where it was and tries again by itself; nothing is set
/// aside or failed for it.
public struct MachineCondition: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed, as the system said it (`cannot write …: No space left on device`).
    public let reason: String
    /// What the operator can do about it.
    public let advice: String

    public var description: String { "\(reason) (\(advice))" }

    public init(reason: String, advice: String) {
        self.reason = reason
        self.advice = advice
    }

    /// The condition `error` reveals; nil when it concerns one file or one piece of data only.
    public init?(_ error: any Error) {
        if let condition = error as? MachineCondition {
            self = condition
            return
        }
        if let failure = error as? any SystemFailure {
            self.init(failure.systemCode, reason: failure.failureText)
            return
        }
        if let error = error as? POSIXError {
            self.init(.errno(error.code.rawValue), reason: String(cString: strerror(error.code.rawValue)))
            return
        }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain {
            self.init(.errno(Int32(error.code)), reason: error.localizedDescription)
            return
        }
        // Foundation's file calls (FileManager, Data.write) put the errno value underneath their own code.
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error,
              let inner = MachineCondition(underlying) else { return nil }
        let path = error.userInfo[NSFilePathErrorKey] as? String
        self.init(reason: path.map { "\($0): \(inner.reason)" } ?? inner.reason, advice: inner.advice)
    }

    private init?(_ code: SystemCode, reason: String) {
        guard let advice = Self.advice(for: code) else { return nil }
        switch code {
        case .errno: self.init(reason: reason, advice: advice)
        case .sqlite: self.init(reason: "the journal cannot be written: \(reason)", advice: advice)
        }
    }

    /// The answers that are about the machine, with what fixes each; any other answer concerns one file.
    private static func advice(for code: SystemCode) -> String? {
        switch code {
        case .errno(ENOSPC): "free some space on that file system"
        case .errno(EDQUOT): "free some space or raise the quota of the daemon's user"
        case .errno(EIO): "the disk reported an I/O error: check it (dmesg)"
        case .errno(EROFS): "the file system is mounted read-only: remount it read-write"
        case .errno(EACCES), .errno(EPERM): "give the daemon's user the rights on that folder"
        case .sqlite(let code) where sqliteCodes.keys.contains(code): sqliteCodes[code]
        default: nil
        }
    }

    /// SQLite primary result codes (sqlite3.h) meaning "the journal cannot be written now", not a
    /// faulty statement.
    private static let sqliteCodes: [Int32: String] = [
        3: "give the daemon's user the rights on the journal",           // SQLITE_PERM
        5: "another process holds the journal; it is waited for",         // SQLITE_BUSY
        6: "another process holds the journal; it is waited for",         // SQLITE_LOCKED
        8: "the journal's file system is read-only: remount it read-write", // SQLITE_READONLY
        10: "the journal's disk reported an I/O error: check it (dmesg)",  // SQLITE_IOERR
        13: "free some space on the journal's file system",               // SQLITE_FULL
        14: "check the journal's folder and its rights",                   // SQLITE_CANTOPEN
        23: "give the daemon's user the rights on the journal",           // SQLITE_AUTH
    ]
}
