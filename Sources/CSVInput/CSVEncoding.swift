/// The text encodings exporters produce: UTF-8 (with or without BOM) or Windows-1252 (Excel's "CSV" on a
/// Belgian Windows).
public enum CSVEncoding: String, Hashable, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
}
