import Foundation
import SafeXML

/// The schemas that ship with fladaemon (Sources/FLAFlow/Schema, documented in its README.md).
public enum FLASchemas {
    /// `fla-fi-1.xsd`: the FI content fladaemon writes and checks.
    public static var fiSchemaPath: String { path(of: "fla-fi-1") }
    /// `fla-export-1.xsd`: the canonical export XML exporters may drop into the spool.
    public static var exportSchemaPath: String { path(of: "fla-export-1") }

    /// A validator for FI files: the bundled schema, or the official one when the operator has it.
    public static func fiValidator(officialSchemaAt path: String? = nil) throws(XMLError) -> XSDValidator {
        try XSDValidator(schemaAt: path ?? fiSchemaPath)
    }

    private static func path(of name: String) -> String {
        // The package copies the whole Schema folder into the resource bundle.
        Bundle.module.url(forResource: name, withExtension: "xsd", subdirectory: "Schema")?.path
            ?? Bundle.module.bundlePath + "/Schema/\(name).xsd"
    }
}
