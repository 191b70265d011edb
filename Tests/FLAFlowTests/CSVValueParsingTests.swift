import BatchFormat
import FLAFlow
import Testing

@Suite struct CSVValueParsingTests {
    @Test func dates() {
        #expect(ValueParser.date("2025-03-07")?.iso == "2025-03-07")
        #expect(ValueParser.date("07/03/2025")?.iso == "2025-03-07")
        #expect(ValueParser.date("7/3/2025")?.iso == "2025-03-07")
        #expect(ValueParser.date("29/02/2024")?.iso == "2024-02-29")
        for bad in ["29/02/2025", "31/04/2025", "2025-3-7", "07-03-2025", "03/07/25", "2025/03/07", "", "x/y/zzzz",
                    "007/03/2025"] {
            #expect(ValueParser.date(bad) == nil, "\(bad)")
        }
    }

    @Test func booleans() {
        for yes in ["yes", "YES", "true", "1", "oui", "Oui", "ja", "JA"] { #expect(ValueParser.boolean(yes) == true) }
        for no in ["no", "false", "0", "non", "NON", "nee", "Nee"] { #expect(ValueParser.boolean(no) == false) }
        for bad in ["maybe", "2", "", "yes!"] { #expect(ValueParser.boolean(bad) == nil) }
    }

    @Test func actions() {
        #expect(ValueParser.action("Create") == .create)
        #expect(ValueParser.action("création") == .create)
        #expect(ValueParser.action("nieuw") == .create)
        #expect(ValueParser.action("update") == .update)
        #expect(ValueParser.action("Mise à jour") == .update)
        #expect(ValueParser.action("wijziging") == .update)
        #expect(ValueParser.action("DELETE") == .delete)
        #expect(ValueParser.action("suppression") == .delete)
        #expect(ValueParser.action("verwijderen") == .delete)
        #expect(ValueParser.action("erase") == nil)
    }

    @Test func durationUnits() {
        for hours in ["hours", "Heures", "uren", "h"] { #expect(ValueParser.durationUnit(hours) == .hours) }
        for days in ["days", "JOURS", "dagen", "jour"] { #expect(ValueParser.durationUnit(days) == .days) }
        #expect(ValueParser.durationUnit("weeks") == nil)
    }

    @Test func years() {
        #expect(ValueParser.year("2025") == 2025)
        for bad in ["25", "20255", "2O25", ""] { #expect(ValueParser.year(bad) == nil) }
    }
}
