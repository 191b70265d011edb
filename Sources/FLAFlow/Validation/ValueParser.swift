import BatchFormat
import Foundation

/// Parses the text of one field the way exporters write it. Each function returns nil for text it does
/// not accept; the caller turns that into a `RecordProblem` with the field and value.
public enum ValueParser {
    /// `YYYY-MM-DD` or `DD/MM/YYYY` (day and month may have one digit, as spreadsheets write them).
    /// Parsed on the bytes: it runs for two or three fields of every row.
    public static func date(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { bytes -> CalendarDate? in
            // Groups of digits and the separators between them.
            var groups: (Int, Int, Int) = (0, 0, 0), lengths: (Int, Int, Int) = (0, 0, 0)
            var group = 0, separator: UInt8 = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let digit = Int(byte - UInt8(ascii: "0"))
                    switch group {
                    case 0: groups.0 = groups.0 * 10 + digit; lengths.0 += 1
                    case 1: groups.1 = groups.1 * 10 + digit; lengths.1 += 1
                    default: groups.2 = groups.2 * 10 + digit; lengths.2 += 1
                    }
                    if lengths.0 > 4 || lengths.1 > 4 || lengths.2 > 4 { return nil }
                case UInt8(ascii: "-"), UInt8(ascii: "/"):
                    guard group < 2, separator == 0 || separator == byte else { return nil }
                    separator = byte
                    group += 1
                default:
                    return nil
                }
            }
            guard group == 2 else { return nil }
            if separator == UInt8(ascii: "-"), lengths == (4, 2, 2) {
                return CalendarDate(year: groups.0, month: groups.1, day: groups.2)
            }
            if separator == UInt8(ascii: "/"), (1...2).contains(lengths.0), (1...2).contains(lengths.1), lengths.2 == 4 {
                return CalendarDate(year: groups.2, month: groups.1, day: groups.0)
            }
            return nil
        }
    }

    /// The years a training can plausibly have; a date or year outside them is a typo (0001, 9999).
    public static let years = 2000...2100

    /// `YYYY`, within `years`.
    public static func year(_ text: String) -> Int? {
        guard text.utf8.count == 4, isDigits(text[...]), let year = Int(text), years.contains(year) else { return nil }
        return year
    }

    /// yes/no, true/false, 1/0, oui/non, ja/nee (and y/n, vrai/faux, waar/onwaar).
    public static func boolean(_ text: String) -> Bool? {
        switch fold(text) {
        case "yes", "y", "true", "1", "oui", "o", "vrai", "ja", "j", "waar": return true
        case "no", "n", "false", "0", "non", "faux", "nee", "onwaar": return false
        default: return nil
        }
    }

    /// create/update/delete and their French and Dutch words.
    public static func action(_ text: String) -> RecordAction? {
        switch fold(text) {
        case "create", "c", "new", "creer", "creation", "ajout", "ajouter", "nouveau", "aanmaken", "toevoegen",
             "nieuw", "aanmaak":
            return .create
        case "update", "u", "modify", "modifier", "modification", "miseajour", "corriger", "correction",
             "wijzigen", "wijziging", "bijwerken", "aanpassen", "correctie":
            return .update
        case "delete", "d", "remove", "supprimer", "suppression", "annuler", "annulation", "verwijderen",
             "verwijdering", "schrappen", "annuleren":
            return .delete
        default: return nil
        }
    }

    /// hours/days and their French and Dutch words.
    public static func durationUnit(_ text: String) -> DurationUnit? {
        switch fold(text) {
        case "hours", "hour", "h", "heures", "heure", "uren", "uur", "u": return .hours
        case "days", "day", "d", "jours", "jour", "j", "dagen", "dag": return .days
        default: return nil
        }
    }

    /// Lower-case, without accents, spaces, `-` or `_`: `Mise à jour` → `miseajour`.
    static func fold(_ text: String) -> String {
        // Most values are already folded (`yes`, `hours`, `create`): no new string for those.
        if text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) { return text }
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 && $0 != 0x2D && $0 != 0x5F }) { return text.lowercased() }
        return HeaderAliases.fold(text)
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
