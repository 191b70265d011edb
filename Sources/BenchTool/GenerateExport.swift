import ArgumentParser
import Foundation
import Identifiers

/// Writes a canonical CSV export of valid training-rights (or trainings-followed) rows.
struct GenerateExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate-export")

    enum Kind: String, ExpressibleByArgument { case rights, trainings }

    @Option(help: "Number of records.") var records: Int = 1000
    @Option(help: "rights or trainings.") var kind: Kind = .rights
    @Option(help: "Employer enterprise number of every row.") var employer: String = "0403170701"
    @Option(help: "First record id number (to make distinct exports).") var firstID: Int = 1
    @Argument(help: "Output file.") var output: String

    func run() throws {
        guard FileManager.default.createFile(atPath: output, contents: nil),
              let handle = FileHandle(forWritingAtPath: output) else { throw ValidationError("cannot write \(output)") }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
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
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
    }
}

/// Valid national numbers, spread over births before and after 2000.
enum SampleNISS {
    static func make(_ index: Int) -> String {
        let year = (index / 337) % 100
        let month = 1 + index % 12
        let day = 1 + index % 28
        let counter = 1 + (index / 12) % 997
        let body = year * 10_000_000 + month * 100_000 + day * 1000 + counter
        // Born from 2000 on when the year is below 26: the check runs over "2" + the nine digits.
        let check = year < 26 ? 97 - (2_000_000_000 + body) % 97 : 97 - body % 97
        return String(format: "%09d%02d", body, check)
    }
}
