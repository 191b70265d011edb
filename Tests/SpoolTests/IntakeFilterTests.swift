import Testing
@testable import Spool

@Suite struct IntakeFilterTests {
    let filter = IntakeFilter()

    @Test(arguments: [".hidden.csv", ".", "payroll.csv.tmp", "payroll.TMP", "a.part", "a.csv.filepart", "a.FilePart",
                      ".a.csv.swp", "a.csv~", "", "a/b"])
    func ignoresUnfinishedAndHiddenNames(_ name: String) {
        #expect(filter.ignores(name))
    }

    @Test(arguments: ["payroll.csv", "export.xml", "tmp.csv", "part", "a.partial", "file.tmp.csv", "UPPER.CSV"])
    func takesOrdinaryNames(_ name: String) {
        #expect(!filter.ignores(name))
    }

    @Test func ignoresFoldersWhateverTheirName() {
        #expect(filter.ignores("payroll.csv", isDirectory: true))
    }

    @Test func suffixesAreConfigurable() {
        let filter = IntakeFilter(ignoredSuffixes: [".INCOMPLETE"])
        #expect(filter.ignores("a.csv.incomplete"))
        #expect(!filter.ignores("a.csv.part"))
        #expect(filter.ignores(".still-hidden"))
    }
}
