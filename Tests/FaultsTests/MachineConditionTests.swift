import BatchFormat
import Faults
import Foundation
import GRDB
import Glibc
import Journal
import Testing

/// One decision, whatever module met the error: a condition of the machine, or a fault of one file.
@Suite struct MachineConditionTests {
    @Test(arguments: [(ENOSPC, "free some space"), (EDQUOT, "quota"), (EIO, "I/O error"), (EROFS, "read-write"),
                      (EACCES, "rights")])
    func aFileSystemAnswerAboutTheMachineIsACondition(code: Int32, advice: String) throws {
        let error = FileSystemError(.write, path: "/spool/reports/1-payroll.txt", code: code)
        let condition = try #require(MachineCondition(error))
        #expect(condition.reason == error.description)
        #expect(condition.advice.contains(advice), "\(condition.advice)")
    }

    @Test(arguments: [ENOENT, EEXIST, EINVAL, EISDIR])
    func anAnswerAboutOneFileIsNot(code: Int32) {
        #expect(MachineCondition(FileSystemError(.open, path: "/spool/work/x.csv", code: code)) == nil)
    }

    /// Foundation puts the errno value underneath its own error: a real write to a full device.
    @Test func foundationsFullDeviceIsACondition() throws {
        var thrown: (any Error)?
        do { try Data("x".utf8).write(to: URL(fileURLWithPath: "/dev/full")) } catch { thrown = error }
        let error = try #require(thrown)
        let condition = try #require(MachineCondition(error), "\(error)")
        #expect(condition.advice.contains("free some space"))
        #expect(condition.reason == "/dev/full: No space left on device")
    }

    @Test func aJournalThatCannotBeWrittenIsAConditionAndAFaultyRequestIsNot() throws {
        let full = DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full", sql: "INSERT INTO export VALUES (?)")
        let condition = try #require(MachineCondition(full))
        #expect(condition.reason == "the journal cannot be written: database or disk is full")
        #expect(condition.advice.contains("journal"))
        let ioError = DatabaseError(resultCode: .SQLITE_IOERR_WRITE, message: "disk I/O error")
        #expect(MachineCondition(ioError) != nil, "extended codes count by their primary code")
        #expect(MachineCondition(DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "UNIQUE constraint failed")) == nil)
    }

    @Test func aConditionStaysOneWhenPassedOn() throws {
        let condition = MachineCondition(reason: "cannot write x: No space left on device", advice: "free some space")
        #expect(MachineCondition(condition) == condition)
        #expect(MachineCondition(CocoaError(.fileReadCorruptFile)) == nil)
    }
}
