import BatchFormat
import Conversion
import FLAFlow
import Foundation
import Identifiers
import Journal
import Settings
import TestSupport

/// A channel, a journal and an output folder in a temporary directory, and helpers to check the
/// produced files with the real openssl and xmllint.
final class ConversionFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let journal: Journal
    let out: String
    let pki: TestPKI?
    var conversion = ConversionSettings()
    var recordIDsInMemory = DuplicateRecordDetector.defaultMemoryCapacity

    init(environment: BatchEnvironment = .test, keyType: TestKeyType = .rsa) throws {
        dir = try TemporaryDirectory("conversion")
        journal = try Journal(path: dir.file("journal.sqlite").path)
        out = dir.file("out").path
        pki = environment.requiresSignature ? try TestPKI.make(in: dir.file("pki").path, keyType: keyType) : nil
        self.environment = environment
    }

    let environment: BatchEnvironment

    var channel: ChannelSettings {
        ChannelSettings(sender: try! SenderNumber("123456"), flow: try! FlowCode("FLAX"), environment: environment,
                        quality: .employer, declarant: try! BCE(validating: "0403170701"))
    }

    func converter(profile: ColumnProfile? = nil) throws -> ExportConverter {
        let out = self.out
        var plan = ConversionPlan(channel: channel, conversion: conversion, profile: profile,
                                  stagingDirectory: out + "/.staging", reportDirectory: out, folder: { _, _ in out })
        plan.recordIDsInMemory = recordIDsInMemory
        let signer = try pki.map { try SigningIdentity.load(certificate: $0.certificate, privateKey: $0.privateKey) }
        return try ExportConverter(plan: plan, journal: journal, signer: signer)
    }

    func convert(_ name: String, _ contents: String, force: Bool = false) throws -> ConversionResult {
        let path = try dir.write(name, contents).path
        let converter = try converter()
        return converter.convert(try converter.register(exportAt: path, force: force))
    }

    func path(_ file: SubmissionFileRecord) -> String { out + "/" + file.name }

    /// The file as the journal holds it, with the export line of each record.
    func stored(_ file: SubmissionFileRecord) throws -> SubmissionFileRecord? {
        try journal.files(of: file.submissionID).first { $0.name == file.name }
    }

    /// xmllint against the bundled FI schema.
    func xmllint(_ path: String) throws -> CommandResult {
        try Command.run("xmllint", ["--noout", "--nonet", "--schema", FLASchemas.fiSchemaPath, path])
    }

    /// The real `openssl cms -verify` of an FS file against its FI and the test CA.
    func opensslVerify(fs: String, fi: String) throws -> CommandResult {
        let der = FSEncoding.decode(Array(try Data(contentsOf: URL(fileURLWithPath: fs))))!
        let derPath = try dir.write("sig-\(UUID().uuidString).der", bytes: Data(der)).path
        return try Command.run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", derPath,
                                           "-content", fi, "-CAfile", pki!.caCertificate, "-purpose", "any",
                                           "-out", "/dev/null"])
    }
}

/// Canonical CSV rows with valid identifiers.
enum SampleCSV {
    static let rightsHeader = "niss;employer_bce;year;days;joint_committee;record_id\n"
    static let niss = ["85073003328", "90022512361", "00010100105", "00020200179", "00030300156", "00040400133"]

    static func rights(_ count: Int, firstID: Int = 1) -> String {
        rightsHeader + (0..<count).map { i in
            "\(niss[i % niss.count]);0403170701;2026;5;200;R\(firstID + i)\n"
        }.joined()
    }
}
