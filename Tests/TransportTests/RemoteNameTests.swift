import Testing
@testable import Transport

@Suite struct RemoteNameTests {
    @Test(arguments: ["FI.DMFA.123456.20250101.00001.R.1.1", "GO.ACRF.930000.20250101.12345.T.1",
                      "tmp-abc_1.part", "A", String(repeating: "x", count: 128)])
    func acceptsPlainNames(_ name: String) throws {
        #expect(try RemoteName(validating: name).value == name)
    }

    @Test(arguments: [
        ("", RemoteNameRefusal.empty),
        ("IN/FI.x", .pathSeparator),
        ("..\\x", .pathSeparator),
        ("/etc/passwd", .pathSeparator),
        ("..", .parentReference),
        ("FI..x", .parentReference),
        (".hidden", .hidden),
        (".", .hidden),
        ("FI.x\nGO.y", .controlCharacter),
        ("tab\there", .controlCharacter),
        ("del\u{7F}", .controlCharacter),
        ("nön", .nonASCII),
        (String(repeating: "a", count: 129), .tooLong(length: 129, limit: 128)),
        ("with space", .disallowedCharacter(" ")),
        ("a:b", .disallowedCharacter(":")),
    ])
    func refusesHostileNames(_ name: String, _ reason: RemoteNameRefusal) {
        let error = TransportFixture.transportError { _ = try RemoteName(validating: name) }
        guard case .refusedRemoteName(_, let refusal) = error else {
            Issue.record("expected a refusal for \(name.debugDescription), got \(String(describing: error))")
            return
        }
        #expect(refusal == reason)
        #expect(error?.isTransient == false)
    }

    @Test func refusalMessageIsLogSafe() {
        let error = TransportFixture.transportError { _ = try RemoteName(validating: "FO.x\r\nforged log line") }
        let text = error?.description ?? ""
        #expect(text.contains("FO.x\\x0D\\x0Aforged log line"))
        #expect(!text.contains("\n") && !text.contains("\r"))
    }

    @Test func printableNameIsCutAndEscaped() {
        let long = [UInt8](repeating: 0xFF, count: 500)
        let printable = RemoteName.printable(long)
        #expect(printable.hasPrefix("\\xFF\\xFF"))
        #expect(printable.hasSuffix("...(500 bytes)"))
        #expect(printable.count < 400)
    }

    @Test func remotePathJoinsFolderAndName() throws {
        let name = try RemoteName(validating: "FI.x")
        #expect(RemotePath(directory: "IN", name: name).path == "IN/FI.x")
        #expect(RemotePath(directory: "IN/", name: name).path == "IN/FI.x")
        #expect(RemotePath(directory: "", name: name).path == "FI.x")
        #expect(RemotePath(directory: "IN", name: name).sibling(try RemoteName(validating: "GO.x")).path == "IN/GO.x")
    }
}
