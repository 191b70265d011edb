import FLAFlow
import Testing

@Suite struct CSVHeaderMappingTests {
    @Test(arguments: [
        ("niss", CanonicalField.niss), ("INSS", .niss), ("Insz", .niss), ("Rijksregisternummer", .niss),
        ("employer_bce", .employerBCE), ("BCE", .employerBCE), ("kbo", .employerBCE),
        ("Numéro d'entreprise", .employerBCE), ("numero_entreprise", .employerBCE), ("Ondernemingsnummer", .employerBCE),
        ("Jours", .days), ("dagen", .days), ("Année", .year), ("jaar", .year),
        ("Commission paritaire", .jointCommittee), ("paritair_comite", .jointCommittee),
        ("Paritair Comité", .jointCommittee), ("date_debut", .startDate), ("Date début", .startDate),
        ("DATE-DEBUT", .startDate), ("begindatum", .startDate), ("Date fin", .endDate), ("einddatum", .endDate),
        ("Durée", .duration), ("duur", .duration), ("Intitulé formation", .trainingName), ("opleiding", .trainingName),
        ("Début période", .periodStart), ("eind periode", .periodEnd), ("Record ID", .recordID),
        ("Référence", .recordID), ("RSZ-nummer", .onssNumber), ("  counts_for_fla ", .countsForFLA),
    ])
    func aliasesAreFolded(header: String, field: CanonicalField) {
        #expect(HeaderAliases.field(for: header) == field)
    }

    @Test func canonicalNamesMapToThemselves() {
        for field in CanonicalField.allCases { #expect(HeaderAliases.field(for: field.rawValue) == field) }
    }

    @Test func foldingDropsCaseAccentsAndPunctuation() {
        #expect(HeaderAliases.fold("Numéro d'entreprise (BCE)") == "numerodentreprisebce")
        #expect(HeaderAliases.fold("Paritair_Comité") == "paritaircomite")
        #expect(HeaderAliases.fold("  ") == "")
    }

    @Test func theKindIsRecognisedFromTheHeader() throws {
        let rights = try HeaderMapping(header: ["INSZ", "KBO", "Jaar", "Dagen", "PC", "Referentie"], file: "x.csv", line: 1)
        #expect(rights.kind == .trainingRight)
        #expect(rights.columnName(of: .niss) == "INSZ")
        let followed = try HeaderMapping(
            header: ["niss", "bce", "id", "formation", "date debut", "date fin", "duree", "unite", "suivie"],
            file: "x.csv", line: 1)
        #expect(followed.kind == .trainingFollowed)
        #expect(followed.columns.map(\.field) == [.niss, .employerBCE, .recordID, .trainingName, .startDate, .endDate,
                                                  .duration, .durationUnit, .followed])
    }

    @Test func twoColumnsForOneFieldAreAnError() {
        #expect(throws: RecordProblem(file: "x.csv", line: 1, reason: "two columns for one field: \"INSS\" and "
                                      + "\"niss\" both give niss")) {
            try HeaderMapping(header: ["INSS", "niss", "bce", "year", "days", "cp", "id"], file: "x.csv", line: 1)
        }
    }

    @Test func aForcedKindRejectsColumnsOfTheOtherKind() {
        let profile = ColumnProfile(name: "p", recordKind: .trainingRight)
        #expect(throws: RecordProblem.self) {
            try HeaderMapping(header: ["niss", "bce", "year", "days", "cp", "id", "training_name"],
                              profile: profile, file: "x.csv", line: 1)
        }
    }

    @Test func aColumnWithoutNameMustStayEmpty() throws {
        let mapping = try HeaderMapping(header: ["niss", "bce", "year", "days", "cp", "id", ""], file: "x.csv", line: 1)
        #expect(mapping.unnamedColumns == [6])
    }

    @Test func profilesFromConfigurationStrings() throws {
        let profile = try ColumnProfile(name: "sd", columnNames: ["Matricule": "niss", "Société": "employer_bce"],
                                        ignore: ["Cost"], defaultValues: ["action": "create"])
        #expect(profile.columns["Matricule"] == .niss)
        #expect(profile.defaults[.action] == "create")
        #expect(throws: ColumnProfileError(profile: "sd", unknownField: "employer")) {
            try ColumnProfile(name: "sd", columnNames: ["Société": "employer"])
        }
    }
}
