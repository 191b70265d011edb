import Testing
@testable import BatchFormat

@Suite struct BatchEnvironmentTests {
    @Test func lettersFoldersAndSignature() {
        #expect(BatchEnvironment.production.letter == "R")
        #expect(BatchEnvironment.production.inFolder == "IN")
        #expect(BatchEnvironment.production.outFolder == "OUT")
        #expect(BatchEnvironment.production.requiresSignature)
        #expect(BatchEnvironment.test.letter == "T")
        #expect(BatchEnvironment.test.inFolder == "INTEST")
        #expect(BatchEnvironment.test.outFolder == "OUTTEST")
        #expect(!BatchEnvironment.test.requiresSignature)
        #expect(BatchEnvironment.declarationTest.letter == "S")
        #expect(BatchEnvironment.declarationTest.inFolder == "INTEST-S")
        #expect(BatchEnvironment.declarationTest.outFolder == "OUTTEST-S")
        #expect(!BatchEnvironment.declarationTest.requiresSignature)
    }

    @Test(arguments: BatchEnvironment.allCases)
    func roundTripsLetterAndConfigWord(_ environment: BatchEnvironment) {
        #expect(BatchEnvironment(letter: environment.letter) == environment)
        #expect(BatchEnvironment(configWord: environment.configWord) == environment)
    }

    @Test func readsConfigWords() {
        #expect(BatchEnvironment(configWord: "production") == .production)
        #expect(BatchEnvironment(configWord: "test") == .test)
        #expect(BatchEnvironment(configWord: "declaration-test") == .declarationTest)
        #expect(BatchEnvironment(configWord: "Production") == .production)
        #expect(BatchEnvironment(configWord: "prod") == nil)
        #expect(BatchEnvironment(configWord: "") == nil)
    }

    @Test func refusesUnknownLetters() {
        for letter in ["r", "P", "", "RT", "X"] {
            #expect(BatchEnvironment(letter: letter) == nil, "\(letter)")
        }
    }
}
