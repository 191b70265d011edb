import BatchFormat
import Foundation
import PlatformSimulation
import SafeXML
import TestSupport

/// A platform root, a state folder and a channel (sender 123456, flow FLAX) in a temporary folder,
/// with helpers to drop submissions and read the answers back.
final class SimulatorFixture: @unchecked Sendable {
    static let accountSender = "123456"
    static let flow = "FLAX"

    let directory: TemporaryDirectory
    let root: String
    let stateFolder: String
    /// The registered channel's PKI when the test needs signatures (production), else nil.
    let pki: TestPKI?
    let trustedCertificates: String
    let today: CalendarDate

    init(pki makePKI: Bool = false) throws {
        directory = try TemporaryDirectory("platform-sim")
        root = directory.file("root").path
        stateFolder = directory.file("state").path
        today = CalendarDate.today()
        if makePKI {
            let made = try TestPKI.make(in: directory.file("pki").path, keyType: .ec)
            pki = made
            trustedCertificates = made.caCertificate
        } else {
            // Test circuits take no signature: the file only has to exist.
            pki = nil
            trustedCertificates = try directory.write("unused-ca.pem", "no certificate needed in test\n").path
        }
    }

    func configuration(_ misbehaviour: Misbehaviour = .none, maxFileBytes: Int = 100 << 20,
                       maxAnomalies: Int = 1000, today: CalendarDate? = nil) throws -> SimulatorConfiguration {
        let day = today ?? self.today
        return SimulatorConfiguration(
            root: root, accountSender: try SenderNumber(Self.accountSender), flowCode: try FlowCode(Self.flow),
            trustedCertificates: trustedCertificates, platformSender: try SenderNumber("999999"),
            stateFolder: stateFolder, maxFileBytes: maxFileBytes, maxAnomaliesPerNotification: maxAnomalies,
            misbehaviour: misbehaviour, today: { day })
    }

    func simulator(_ misbehaviour: Misbehaviour = .none, maxFileBytes: Int = 100 << 20,
                   maxAnomalies: Int = 1000, today: CalendarDate? = nil) throws -> PlatformSimulator {
        try PlatformSimulator(configuration: configuration(misbehaviour, maxFileBytes: maxFileBytes,
                                                           maxAnomalies: maxAnomalies, today: today))
    }

    func name(sequence: Int = 1, environment: BatchEnvironment = .test, parts: Int = 1,
              sender: String = SimulatorFixture.accountSender, flow: String = SimulatorFixture.flow,
              date: CalendarDate? = nil) throws -> SubmissionName {
        try SubmissionName(flow: FlowCode(flow), sender: SenderNumber(sender), date: date ?? today,
                           sequence: sequence, environment: environment, parts: parts)
    }

    func path(_ folder: String, _ file: String) -> String { "\(root)/\(folder)/\(file)" }

    func put(_ file: String, in folder: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path(folder, file)))
    }

    func put(_ file: String, in folder: String, _ text: String) throws {
        try put(file, in: folder, Array(text.utf8))
    }

    /// FI part(s) then GO, in the folder of the name's environment (or `folder`), as a client uploads them.
    func submit(_ name: SubmissionName, documents: [String], folder: String? = nil) throws {
        let target = folder ?? name.environment.inFolder
        for (index, document) in documents.enumerated() {
            try put(name.fi(part: index + 1).text, in: target, document)
        }
        try put(name.go.text, in: target, "")
    }

    /// FI, FS made with the registered identity (or `identity`), then GO, in IN.
    func submitSigned(_ name: SubmissionName, document: String, identity: SigningIdentity? = nil) throws {
        let folder = name.environment.inFolder
        let data = name.fi(part: 1).text
        try put(data, in: folder, document)
        let signer = try identity ?? registeredIdentity()
        let der = try CMSSigner(identity: signer).signDetached(fileAt: path(folder, data))
        try put(name.fs(part: 1).text, in: folder, FSEncoding.encode(der: der))
        try put(name.go.text, in: folder, "")
    }

    func registeredIdentity() throws -> SigningIdentity {
        guard let pki else { throw FixtureError("this fixture was made without a PKI") }
        return try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.privateKey)
    }

    /// Every name in a platform folder, hidden ones included, sorted.
    func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)").sorted()
    }

    /// The committed answers (FO with its GO) of an OUT folder, in sequence order.
    func answers(in folder: String) throws -> [WrittenAnswer] {
        let names = try files(in: folder)
        return try names.filter { $0.hasPrefix("FO.") }.map { file in
            let name = try BatchFileName(parsing: file)
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path(folder, file))))
            return WrittenAnswer(name: name, bytes: bytes, committed: names.contains(name.commitName.text))
        }.sorted { $0.name.sequence < $1.name.sequence }
    }
}

/// One FO file the simulator wrote.
struct WrittenAnswer {
    let name: BatchFileName
    let bytes: [UInt8]
    /// Its GO is there.
    let committed: Bool

    var type: String { name.flow.text }

    /// Parses the answer with SafeXML: throws unless it is well-formed.
    func root() throws -> XMLElement {
        try XMLElement.parse(bytes, documentName: name.text)
    }

    func form() throws -> XMLElement {
        guard let form = try root().child("Form") else { throw FixtureError("\(name) has no Form") }
        return form
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
