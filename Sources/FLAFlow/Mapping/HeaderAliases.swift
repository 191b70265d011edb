import Foundation

/// Header names exporters use for the canonical fields: the English canonical names plus French and Dutch
/// ones. Names are compared folded: case, accents and every character other than a letter or digit are
/// ignored, so `Date début`, `date_debut` and `DATE-DEBUT` are one name.
public enum HeaderAliases {
    /// `Numéro d'entreprise (BCE)` → `numerodentreprisebce`.
    public static func fold(_ name: String) -> String {
        let plain = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var folded = ""
        folded.unicodeScalars.append(contentsOf: plain.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        })
        return folded
    }

    /// The canonical field a header name stands for, if it is a known name.
    public static func field(for name: String) -> CanonicalField? {
        table[fold(name)]
    }

    static let names: [CanonicalField: [String]] = [
        .niss: ["niss", "inss", "insz", "ssin", "rijksregisternummer", "numeronational", "numeroderegistrenational",
                "registrenational", "nationalnumber", "numeroniss", "numeroinss", "inszummer", "insznummer"],
        .employerBCE: ["employerbce", "bce", "kbo", "numeroentreprise", "numerodentreprise", "ondernemingsnummer",
                       "enterprisenumber", "bceemployeur", "employeurbce", "kbowerkgever", "werkgeverkbo",
                       "numerobce", "kbonummer"],
        .onssNumber: ["onssnumber", "onss", "rsz", "numeroonss", "matriculeonss", "rsznummer", "rszregistratienummer",
                      "nsso", "nssonumber"],
        .recordID: ["recordid", "id", "identifiant", "reference", "referentie", "idenregistrement", "recordnummer"],
        .action: ["action", "actie", "operation", "bewerking"],
        .year: ["year", "annee", "jaar"],
        .days: ["days", "jours", "dagen", "nombredejours", "aantaldagen", "joursdeformation", "opleidingsdagen"],
        .jointCommittee: ["jointcommittee", "commissionparitaire", "paritaircomite", "cp", "pc", "jc"],
        .workFraction: ["workfraction", "fractiondetravail", "fractionoccupation", "tewerkstellingsbreuk",
                        "arbeidsbreuk", "prestatiebreuk"],
        .periodStart: ["periodstart", "debutperiode", "datedebutperiode", "periodedebut", "beginperiode",
                       "periodebegin", "begindatumperiode"],
        .periodEnd: ["periodend", "finperiode", "datefinperiode", "periodefin", "eindperiode", "periodeeinde",
                     "einddatumperiode"],
        .trainingName: ["trainingname", "training", "formation", "nomformation", "nomdelaformation", "intituleformation",
                        "intituledelaformation", "intitule", "opleiding", "naamopleiding", "opleidingsnaam",
                        "naamvandeopleiding"],
        .startDate: ["startdate", "datedebut", "datededebut", "debut", "begindatum", "startdatum", "datedebutformation"],
        .endDate: ["enddate", "datefin", "datedefin", "fin", "einddatum", "datefinformation"],
        .duration: ["duration", "duree", "duur"],
        .durationUnit: ["durationunit", "unite", "uniteduree", "unitededuree", "eenheid", "duureenheid",
                        "eenheidduur"],
        .followed: ["followed", "suivie", "suivi", "formationsuivie", "gevolgd", "opleidinggevolgd"],
        .certificate: ["certificate", "certificat", "attestation", "attest", "getuigschrift", "certificaat"],
        .countsForFLA: ["countsforfla", "comptepourfla", "comptefla", "fla", "teltvoorfla", "teltmeevoorfla",
                        "compteformation", "leerrekening"],
        .providerBCE: ["providerbce", "bceprestataire", "bceoperateur", "operateurbce", "prestatairebce",
                       "kboopleider", "opleiderkbo", "kboopleidingsverstrekker"],
    ]

    static let table: [String: CanonicalField] = {
        var table: [String: CanonicalField] = [:]
        for (field, aliases) in names {
            for alias in aliases { table[alias] = field }
        }
        return table
    }()
}
