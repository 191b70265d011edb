import BatchFormat
import Foundation
import PlatformSimulation
import SafeXML
import Testing
import TestSupport

@Suite("Misbehaviour switches")
struct MisbehaviourTests {
    @Test("delayed answers: nothing in OUTTEST during the delay, the answers afterwards")
    func delayedAnswers() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Misbehaviour(answerDelay: .milliseconds(1500)))
        try fixture.submit(try fixture.name(), documents: [FIText.simple])
        let started = ContinuousClock.now
        let pass = Task { try await simulator.processOnce() }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try fixture.files(in: "OUTTEST").isEmpty)
        // A second pass meanwhile does not judge the same submission twice.
        #expect(try await simulator.processOnce().isEmpty)
        let verdicts = try await pass.value
        #expect(ContinuousClock.now - started >= .milliseconds(1500))
        #expect(verdicts.map(\.isAccepted) == [true])
        #expect(try fixture.answers(in: "OUTTEST").map(\.type) == ["ACRF", "NOTI"])
        #expect(try fixture.files(in: "INTEST").isEmpty)
    }

    @Test("a pass cancelled during the delay leaves the submission for the next pass")
    func cancelledDelay() async throws {
        let fixture = try SimulatorFixture()
        let name = try fixture.name()
        try fixture.submit(name, documents: [FIText.simple])
        do {
            let slow = try fixture.simulator(Misbehaviour(answerDelay: .seconds(30)))
            let pass = Task { try await slow.processOnce() }
            try await Task.sleep(for: .milliseconds(200))
            pass.cancel()
            await #expect(throws: CancellationError.self) { try await pass.value }
        }
        #expect(try fixture.files(in: "OUTTEST").isEmpty)
        #expect(try fixture.files(in: "INTEST") == [name.fi().text, name.go.text].sorted())
        let verdicts = try await fixture.simulator().processOnce()
        #expect(verdicts.map(\.isAccepted) == [true], "the name was not remembered as used")
    }

    @Test("answer twice: two ACRFs under two names with the same ticket and result")
    func answerTwice() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Misbehaviour(answerTwice: true))
        let name = try fixture.name()
        try fixture.submit(name, documents: [FIText.simple])
        let verdict = try #require(try await simulator.processOnce().first)
        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.map(\.type) == ["ACRF", "ACRF", "NOTI"])
        #expect(answers.allSatisfy { $0.committed })
        #expect(Set(answers.map(\.name.text)).count == 3)
        for acrf in answers.prefix(2) {
            let form = try acrf.form()
            #expect(form.descendant("FileReference", "FileName")?.text == name.go.text)
            #expect(form.descendant("FileReference", "ReferenceNbr")?.text == verdict.ticket)
            #expect(form.descendant("ReceptionResult", "ResultCode")?.text == "1")
        }
    }

    @Test("malformed answer: an extra FO with its GO that is not well-formed XML")
    func malformedAnswer() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Misbehaviour(malformedAnswer: true))
        try fixture.submit(try fixture.name(), documents: [FIText.simple])
        _ = try await simulator.processOnce()
        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.count == 3)
        #expect(answers.allSatisfy { $0.committed })
        #expect(throws: XMLError.self) { try answers[0].root() }
        #expect(try answers[1].root().name == "ACRF")
        #expect(try answers[2].root().name == "NOTIFICATION")
    }

    @Test("unmatched answer: an extra ACRF about a name nobody sent, with a ticket of its own")
    func unmatchedAnswer() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Misbehaviour(unmatchedAnswer: true))
        let name = try fixture.name()
        try fixture.submit(name, documents: [FIText.simple])
        let verdict = try #require(try await simulator.processOnce().first)
        let acknowledgements = try fixture.answers(in: "OUTTEST").filter { $0.type == "ACRF" }
        #expect(acknowledgements.count == 2)
        let referenced = try acknowledgements.map { try $0.form().descendant("FileReference", "FileName")?.text }
        let tickets = try acknowledgements.map { try $0.form().descendant("FileReference", "ReferenceNbr")?.text }
        #expect(referenced[0] == name.go.text)
        let stranger = try #require(referenced[1])
        #expect(stranger != name.go.text)
        // A well-formed name of this channel, so only matching can tell it was never sent.
        let parsed = try BatchFileName(parsing: stranger)
        #expect(parsed.kind == .go)
        #expect(parsed.sender.text == SimulatorFixture.accountSender)
        #expect(tickets[0] == verdict.ticket)
        #expect(tickets[1] != verdict.ticket)
    }

    @Test("skip notification: the ACRF only")
    func skipNotification() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Misbehaviour(skipNotification: true))
        try fixture.submit(try fixture.name(), documents: [FIText.simple])
        let verdict = try #require(try await simulator.processOnce().first)
        #expect(verdict.isAccepted)
        #expect(try fixture.answers(in: "OUTTEST").map(\.type) == ["ACRF"])
        #expect(try fixture.files(in: "INTEST").isEmpty)
    }
}
