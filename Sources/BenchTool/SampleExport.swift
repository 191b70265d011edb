import ArgumentParser
import Foundation

/// A canonical CSV export of valid rows, written in 1 MiB blocks so a million rows cost no memory.
struct SampleExport {
    enum Kind: String, ExpressibleByArgument { case rights, trainings }

    var kind: Kind = .rights
    var records: Int
    var employer = "0403170701"
    /// Record ids start here, so that exports made with different values have different content.
    var firstID = 1

    func write(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("cannot write \(path)") }
        defer { try? handle.close() }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        switch kind {
        case .rights:
            buffer += Array("niss;employer_bce;year;days;joint_committee;work_fraction;record_id;action\n".utf8)
        case .trainings:
            buffer += Array("niss;employer_bce;record_id;training_name;start_date;end_date;duration;duration_unit;followed;certificate\n".utf8)
        }
        for index in 0..<records {
            let niss = SampleNISS.make(index)
            let id = firstID + index
            switch kind {
            case .rights:
                let days = index % 3 == 0 ? "5" : (index % 3 == 1 ? "2,5" : "1")
                let fraction = index % 4 == 0 ? "0,8" : "1"
                buffer += Array("\(niss);\(employer);2026;\(days);200;\(fraction);R\(id);create\n".utf8)
            case .trainings:
                let month = 1 + index % 12
                let date = String(format: "2026-%02d-10", month)
                buffer += Array("\(niss);\(employer);T\(id);\"Sécurité; niveau \(index % 5)\";\(date);\(date);7,5;hours;yes;no\n".utf8)
            }
            if buffer.count > (1 << 20) - 512 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}
