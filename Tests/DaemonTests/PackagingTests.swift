import Foundation
import Testing
import TestSupport

/// The systemd files in `packaging/systemd`, checked by systemd's own tools (systemd 252), offline.
@Suite struct PackagingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("packaging/systemd").path

    /// `systemd-analyze verify` on the unit, its `ExecStart=` pointed at the binary under test (verify
    /// checks that it is executable). `User=fladaemon` stays: verify does not resolve accounts.
    @Test func theServiceUnitPassesSystemdAnalyzeVerify() throws {
        let original = try String(contentsOfFile: Self.folder + "/fladaemon@.service", encoding: .utf8)
        let installed = "ExecStart=/usr/local/bin/fladaemon run --instance %i"
        #expect(original.contains(installed))
        #expect(original.contains("ExecStartPre=/usr/local/bin/fladaemon check --offline --instance %i"))
        let executable = try DaemonHarness.locateExecutable()
        let directory = try TemporaryDirectory("unit")
        let unit = try directory.write("fladaemon@.service", original.replacingOccurrences(
            of: "/usr/local/bin/fladaemon", with: executable))

        let result = try Command.run("systemd-analyze", ["verify", unit.path])
        let complaints = (result.stdout + result.stderr).split(separator: "\n").filter { $0.contains("fladaemon@") }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(complaints.isEmpty, "\(complaints)")

        // The same check sees a mistake: verify only warns about unknown keys and values.
        let broken = try directory.write("broken@.service", original
            .replacingOccurrences(of: "Type=notify", with: "Type=notfy")
            .replacingOccurrences(of: "/usr/local/bin/fladaemon", with: executable)
            + "WatchdogSecs=5\n")
        let refused = try Command.run("systemd-analyze", ["verify", broken.path])
        let warnings = (refused.stdout + refused.stderr).split(separator: "\n").filter { $0.contains("broken@") }
        #expect(warnings.count == 2, "\(warnings)")
    }

    /// `systemd-sysusers` and `systemd-tmpfiles --create` into a scratch root: the account the unit runs
    /// as exists, and the folders get their owners and modes.
    @Test func sysusersAndTmpfilesCreateTheAccountAndFolders() throws {
        let root = try TemporaryDirectory("sysroot")
        try FileManager.default.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
        let sysusers = try Command.run("systemd-sysusers", ["--root=\(root.path)", Self.folder + "/fladaemon.sysusers.conf"])
        #expect(sysusers.status == 0, "\(sysusers.stderr)")
        let passwd = try String(contentsOfFile: root.path + "/etc/passwd", encoding: .utf8)
        let account = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("fladaemon:") })
        let fields = account.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 7)
        #expect(fields.suffix(2) == ["/var/lib/fladaemon", "/usr/sbin/nologin"])
        let uid = try #require(Int(fields[2])), gid = try #require(Int(fields[3]))
        let group = try String(contentsOfFile: root.path + "/etc/group", encoding: .utf8)
        #expect(group.split(separator: "\n").contains { $0.hasPrefix("fladaemon:x:\(gid):") })

        let tmpfiles = try Command.run("systemd-tmpfiles", ["--root=\(root.path)", "--create",
                                                            Self.folder + "/fladaemon.tmpfiles.conf"])
        #expect(tmpfiles.status == 0, "\(tmpfiles.stderr)")
        #expect(tmpfiles.stderr.isEmpty, "\(tmpfiles.stderr)")
        for (path, owner) in [("/var/spool/fladaemon", uid), ("/var/lib/fladaemon", uid), ("/etc/fladaemon", 0)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.path + path)
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory, "\(path)")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o750, "\(path)")
            #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == owner, "\(path)")
            #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == gid, "\(path)")
        }

        // The unit runs as that account and writes only below those folders.
        let unit = try String(contentsOfFile: Self.folder + "/fladaemon@.service", encoding: .utf8)
        let lines = unit.split(separator: "\n").map(String.init)
        #expect(lines.contains("User=fladaemon") && lines.contains("Group=fladaemon"))
        let writable = lines.first { $0.hasPrefix("ReadWritePaths=") }?.dropFirst("ReadWritePaths=".count)
            .split(separator: " ").map(String.init) ?? []
        #expect(writable == ["/var/spool/fladaemon/%i", "/var/lib/fladaemon/%i"])
    }
}
