import BatchFormat
import Foundation
import PlatformSimulation
import SafeXML
import Testing
import TestSupport

@Suite("Rejected submissions")
struct RejectionTests {
    /// Runs one pass and checks the single verdict is a rejection with exactly `codes`, that the ACRF
    /// written to `outFolder` says so, and that the IN folder was emptied.
    @discardableResult
    static func expectRejected(_ codes: [RejectionCode], fixture: SimulatorFixture, simulator: PlatformSimulator,
                               inFolder: String = "INTEST", outFolder: String = "OUTTEST",
                               sourceLocation: SourceLocation = #_sourceLocation) async throws -> SubmissionVerdict {
        let verdicts = try await simulator.processOnce()
        let verdict = try #require(verdicts.first, sourceLocation: sourceLocation)
        #expect(verdicts.count == 1, sourceLocation: sourceLocation)
        #expect(verdict.rejectionCodes == codes, "\(verdict)", sourceLocation: sourceLocation)
        let answers = try fixture.answers(in: outFolder)
        #expect(answers.map(\.type) == ["ACRF"], "a rejection has no NOTIFICATION", sourceLocation: sourceLocation)
        let form = try #require(try answers.first?.form(), sourceLocation: sourceLocation)
        #expect(form.descendant("ReceptionResult", "ResultCode")?.text == "0", sourceLocation: sourceLocation)
        let ids = form.child("ReceptionResult")?.children(named: "ErrorID").map(\.text)
        #expect(ids == codes.map(\.errorID), sourceLocation: sourceLocation)
        #expect(form.descendant("FileReference", "FileName")?.text == verdict.fileName, sourceLocation: sourceLocation)
        #expect(form.descendant("FileReference", "ReferenceNbr")?.text == verdict.ticket, sourceLocation: sourceLocation)
        #expect(try fixture.files(in: inFolder).isEmpty, "consumed files removed", sourceLocation: sourceLocation)
        return verdict
    }

    @Test("a production FS made by a key of another CA does not verify against the registered certificate (125)")
    func signatureFromUnrelatedSigner() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let stranger = try TestPKI.make(in: fixture.directory.file("stranger").path, keyType: .ec, commonName: "not the channel")
        let identity = try SigningIdentity.load(certificate: stranger.certificate, privateKey: stranger.privateKey)
        let simulator = try fixture.simulator()
        try fixture.submitSigned(try fixture.name(environment: .production), document: FIText.simple, identity: identity)
        try await Self.expectRejected([.signatureInvalid], fixture: fixture, simulator: simulator,
                                      inFolder: "IN", outFolder: "OUT")
    }

    @Test("a production FS over other bytes than the FI does not verify (125)")
    func signatureOverOtherBytes() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let simulator = try fixture.simulator()
        let name = try fixture.name(environment: .production)
        try fixture.submitSigned(name, document: FIText.simple)
        // The FI changed after signing, as a line-ending conversion would do.
        try fixture.put(name.fi().text, in: "IN", FIText.simple.replacingOccurrences(of: "\n", with: "\r\n"))
        try await Self.expectRejected([.signatureInvalid], fixture: fixture, simulator: simulator,
                                      inFolder: "IN", outFolder: "OUT")
    }

    @Test("an FS that is not base64 is refused (125)")
    func signatureNotBase64() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let simulator = try fixture.simulator()
        let name = try fixture.name(environment: .production)
        try fixture.put(name.fi().text, in: "IN", FIText.simple)
        try fixture.put(name.fs().text, in: "IN", "this is *not* a signature\r\n")
        try fixture.put(name.go.text, in: "IN", "")
        try await Self.expectRejected([.signatureInvalid], fixture: fixture, simulator: simulator,
                                      inFolder: "IN", outFolder: "OUT")
    }

    @Test("production without FS is refused (122)")
    func signatureMissing() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(environment: .production), documents: [FIText.simple])
        try await Self.expectRejected([.signatureMissing], fixture: fixture, simulator: simulator,
                                      inFolder: "IN", outFolder: "OUT")
    }

    @Test("an FS sent to the test circuit is refused (121)")
    func signatureInTest() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let simulator = try fixture.simulator()
        let name = try fixture.name(environment: .test)
        try fixture.put(name.fi().text, in: "INTEST", FIText.simple)
        let der = try CMSSigner(identity: fixture.registeredIdentity()).signDetached(bytes: Array(FIText.simple.utf8))
        try fixture.put(name.fs().text, in: "INTEST", FSEncoding.encode(der: der))
        try fixture.put(name.go.text, in: "INTEST", "")
        try await Self.expectRejected([.signatureInTest], fixture: fixture, simulator: simulator)
    }

    @Test("a part announced by the GO but not sent is refused (120)")
    func missingPart() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(parts: 2)
        try fixture.put(name.fi(part: 1).text, in: "INTEST", FIText.simple)
        try fixture.put(name.go.text, in: "INTEST", "")
        let verdict = try await Self.expectRejected([.dataFileMissing], fixture: fixture, simulator: simulator)
        #expect(verdict.consumedFiles.sorted() == [name.fi(part: 1).text, name.go.text].sorted())
    }

    @Test("an FI the GO does not announce is refused (123)")
    func surplusPart() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(parts: 1)
        try fixture.submit(name, documents: [FIText.simple])
        let stem = "FLAX.123456.\(fixture.today.compact).00001.T"
        try fixture.put("FI.\(stem).2.2", in: "INTEST", FIText.simple)
        try await Self.expectRejected([.surplusDataFile], fixture: fixture, simulator: simulator)
    }

    @Test("the sender number must be the account's (108)")
    func wrongSender() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(sender: "654321"), documents: [FIText.simple])
        try await Self.expectRejected([.senderNotAccount], fixture: fixture, simulator: simulator)
    }

    @Test("the environment letter must match the folder", arguments: [
        (BatchEnvironment.production, "INTEST", "OUTTEST", RejectionCode.productionNameInTestFolder),
        (BatchEnvironment.test, "IN", "OUT", RejectionCode.testNameInProductionFolder),
        (BatchEnvironment.declarationTest, "INTEST", "OUTTEST", RejectionCode.wrongTestFolder),
        (BatchEnvironment.test, "INTEST-S", "OUTTEST-S", RejectionCode.wrongTestFolder),
    ])
    func wrongEnvironmentFolder(letter: BatchEnvironment, inFolder: String, outFolder: String,
                                code: RejectionCode) async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(environment: letter), documents: [FIText.simple], folder: inFolder)
        let verdict = try await Self.expectRejected([code], fixture: fixture, simulator: simulator,
                                                    inFolder: inFolder, outFolder: outFolder)
        // The answer goes where the submission was found, under that folder's letter.
        let answer = try #require(try fixture.answers(in: outFolder).first)
        #expect(answer.name.environment.inFolder == inFolder)
        #expect(verdict.folder == inFolder)
    }

    @Test("a declaration-test submission in INTEST-S is answered in OUTTEST-S")
    func declarationTestCircuit() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(environment: .declarationTest), documents: [FIText.simple])
        let verdict = try #require(try await simulator.processOnce().first)
        #expect(verdict.isAccepted)
        #expect(try fixture.answers(in: "OUTTEST-S").map(\.name.environment) == [.declarationTest, .declarationTest])
        #expect(try fixture.files(in: "INTEST-S").isEmpty)
    }

    @Test("a name dated after the platform's today is refused (110), one too old too (111)")
    func dates() async throws {
        let fixture = try SimulatorFixture()
        let today = try #require(CalendarDate(year: 2026, month: 3, day: 10))
        let simulator = try fixture.simulator(today: today)
        try fixture.submit(try fixture.name(sequence: 1, date: CalendarDate(year: 2026, month: 3, day: 11)),
                           documents: [FIText.simple])
        try await Self.expectRejected([.dateInFuture], fixture: fixture, simulator: simulator)

        let old = try fixture.name(sequence: 2, date: CalendarDate(year: 2026, month: 1, day: 1))
        try fixture.submit(old, documents: [FIText.simple])
        let verdict = try #require(try await simulator.processOnce().first)
        #expect(verdict.rejectionCodes == [.dateTooOld])
    }

    @Test("an FI that is not valid against the XSD is refused (150)")
    func schemaInvalid() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let missingDays = FIText.simple.replacingOccurrences(of: "<Days>5</Days>", with: "")
        try fixture.submit(try fixture.name(), documents: [missingDays])
        try await Self.expectRejected([.schemaInvalid], fixture: fixture, simulator: simulator)
    }

    @Test("an FI that is not even well-formed is refused (150)")
    func notWellFormed() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(), documents: [String(FIText.simple.prefix(200))])
        try await Self.expectRejected([.schemaInvalid], fixture: fixture, simulator: simulator)
    }

    @Test("the form type inside the FI must be the flow of the name (158)")
    func formTypeMismatch() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(), documents: [FIText.document(flow: "DMFA", records: [FIText.trainingRight(id: "1")])])
        try await Self.expectRejected([.formTypeMismatch], fixture: fixture, simulator: simulator)
    }

    @Test("a submission of another flow than the platform's is refused (132)")
    func otherFlow() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(flow: "DMFA"), documents: [FIText.document(flow: "DMFA", records: [FIText.trainingRight(id: "1")])])
        try await Self.expectRejected([.namePartInvalid], fixture: fixture, simulator: simulator)
    }

    @Test("an FI larger than the limit is refused (184)")
    func tooLarge() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(maxFileBytes: 500)
        try fixture.submit(try fixture.name(), documents: [FIText.simple])
        #expect(FIText.simple.utf8.count > 500)
        try await Self.expectRejected([.fileTooLarge], fixture: fixture, simulator: simulator)
    }

    @Test("a GO name that does not parse is refused", arguments: [
        ("GO.FLAX.123456.20260115.00001.T", RejectionCode.nameStructure),
        ("GO.FLAX.123456.20260115.00001.T.1.1", RejectionCode.nameStructure),
        ("GO.FLAX.123456.20260115.00001.T.1.tmp", RejectionCode.namePartInvalid),
        ("GO.FLAX.123456.20261399.00001.T.1", RejectionCode.namePartInvalid),
        ("GO.FLAX.123456.20260115.00000.T.1", RejectionCode.namePartInvalid),
        ("GO.flax.123456.20260115.00001.T.1", RejectionCode.namePartInvalid),
    ])
    func unparsableName(file: String, code: RejectionCode) async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.put(file, in: "INTEST", "")
        let verdict = try await Self.expectRejected([code], fixture: fixture, simulator: simulator)
        #expect(verdict.submission == nil)
        #expect(verdict.fileName == file)
    }

    @Test("a name already used is refused (133), also by a simulator restarted on the same state folder")
    func reusedNameAcrossRestart() async throws {
        let fixture = try SimulatorFixture()
        let name = try fixture.name(sequence: 12)
        do {
            let first = try fixture.simulator()
            try fixture.submit(name, documents: [FIText.simple])
            #expect(try await first.processOnce().map(\.isAccepted) == [true])
        }
        let restarted = try fixture.simulator()
        // The same sender, date, sequence and environment: another part count does not make it new.
        let again = try fixture.name(sequence: 12, parts: 2)
        try fixture.submit(again, documents: [FIText.simple, FIText.simple])
        let verdict = try #require(try await restarted.processOnce().first)
        #expect(verdict.rejectionCodes == [.nameAlreadyUsed])
        // Its answer names continue the platform's own sequence: no answer was overwritten.
        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.map(\.name.sequence) == [1, 2, 3])
        #expect(answers.map(\.type) == ["ACRF", "NOTI", "ACRF"])
        #expect(try answers[2].form().child("ReceptionResult")?.childText("ErrorID") == "ACRF-133")
        // The ticket counter survived too.
        let tickets = try answers.filter { $0.type == "ACRF" }.map { try $0.form().descendant("FileReference", "ReferenceNbr")?.text }
        #expect(Set(tickets).count == 2)
    }

    @Test("a rejected name is used all the same: sending it again is refused (133)")
    func rejectedNameStaysUsed() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(sequence: 20)
        try fixture.submit(name, documents: [FIText.document(flow: "DMFA", records: [FIText.trainingRight(id: "1")])])
        #expect(try await simulator.processOnce().map(\.rejectionCodes) == [[.formTypeMismatch]])
        try fixture.submit(name, documents: [FIText.simple])
        #expect(try await simulator.processOnce().map(\.rejectionCodes) == [[.nameAlreadyUsed]])
    }

    @Test("several problems with a name are all reported")
    func severalNameProblems() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        try fixture.submit(try fixture.name(environment: .production, sender: "654321"), documents: [FIText.simple],
                           folder: "INTEST")
        try await Self.expectRejected([.senderNotAccount, .productionNameInTestFolder], fixture: fixture,
                                      simulator: simulator)
    }
}
