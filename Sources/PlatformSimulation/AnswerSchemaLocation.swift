import SafeXML

/// The root attributes the platform writes on its answers: `xsi:noNamespaceSchemaLocation` naming the
/// schema file of the answer's version (no namespace otherwise).
enum AnswerSchemaLocation {
    static func attributes(schemaFile: String) -> [XMLAttribute] {
        [XMLAttribute(name: "xmlns:xsi", value: "http://www.w3.org/2001/XMLSchema-instance"),
         XMLAttribute(name: "xsi:noNamespaceSchemaLocation", value: schemaFile)]
    }
}
