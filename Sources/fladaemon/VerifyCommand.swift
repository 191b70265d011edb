import ArgumentParser
import BatchFormat
import FLAFlow
import Foundation
import SafeXML

/// `fladaemon verify FI [FS]`: checks a triplet offline, as the platform would: the FI against the
/// schema, the FS (base64 DER, detached CMS) against the FI's exact bytes and a trusted certificate.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check an FI against its schema and, with its FS, the signature, offline.")

    @Argument(help: "The FI file.") var fi: String
    @Argument(help: "Its FS file (production only).") var fs: String?
    @Option(help: "PEM file of the certificate(s) to trust for the signature (the CA, or the signing certificate itself).")
    var ca: String?
    @Option(help: "An XSD to check the FI against instead of the bundled fla-fi-1.xsd (the official one, when you have it).")
    var schema: String?

    func run() async throws {
        var failed = false
        let problems = try FLASchemas.fiValidator(officialSchemaAt: schema).validate(fileAt: fi)
        if problems.isEmpty {
            print("\(fi): valid against \(schema ?? "fla-fi-1.xsd")")
        } else {
            failed = true
            for problem in problems.prefix(20) { print("\(fi): \(problem)") }
        }
        if let fs {
            guard let ca else { throw ValidationError("--ca names the certificate(s) to trust for the signature") }
            guard let text = FileManager.default.contents(atPath: fs), let der = FSEncoding.decode(Array(text)), !der.isEmpty else {
                throw ValidationError("\(fs): not a base64 DER signature")
            }
            do {
                let signer = try CMSVerifier.verifyDetached(signature: der, contentAt: fi, trustedCertificates: ca)
                print("\(fs): signature of \(fi) verifies (\(signer))")
            } catch {
                failed = true
                print("\(fs): signature does not verify: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
