import BatchFormat
import GRDB

/// Tells apart errors an operator fixes once for all files (rights, a full disk, a read-only mount,
/// an unavailable journal), on which intake pauses and retries, from errors about one file.
enum StorageBlockage {
    /// SQLite results meaning "the journal cannot be written now" rather than a bug in a statement.
    static let journalCodes: [ResultCode] = [
        .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_BUSY,
        .SQLITE_LOCKED, .SQLITE_AUTH,
    ]

    /// The reason to show when `error` should pause intake; nil when it concerns one file only.
    static func reason(of error: any Error) -> String? {
        switch error {
        case let error as SpoolError:
            return error.isStorageBlocked ? error.description : nil
        case let error as FileSystemError:
            return SpoolError.storageBlockedCodes.contains(error.code) ? error.description : nil
        case let error as DatabaseError:
            guard journalCodes.contains(error.resultCode) else { return nil }
            return "the journal cannot be written: \(error.message ?? "\(error.resultCode)")"
        default:
            return nil
        }
    }
}
