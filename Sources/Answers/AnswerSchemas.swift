import Foundation

/// The project's own schemas of the platform's answers (Sources/Answers/Schema, see its README.md),
/// written from the published structure. The simulator's answers are checked against them in the tests.
public enum AnswerSchemas {
    public static var acrfSchemaPath: String { path(of: "acrf") }
    public static var notificationSchemaPath: String { path(of: "notification") }

    private static func path(of name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: "xsd", subdirectory: "Schema")?.path
            ?? Bundle.module.bundlePath + "/Schema/\(name).xsd"
    }
}
