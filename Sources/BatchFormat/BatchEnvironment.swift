/// Which circuit of the platform a submission goes to. The letter is part of every file name and
/// must agree with the remote folder, else the platform rejects the file (codes 118/119/257).
public enum BatchEnvironment: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case production = "R"
    case test = "T"
    case declarationTest = "S"

    /// Reads the letter of a file name (`R`, `T`, `S`).
    public init?(letter: some StringProtocol) {
        self.init(rawValue: String(letter))
    }

    /// Reads the word used in the configuration: `production`, `test` or `declaration-test`.
    public init?(configWord: some StringProtocol) {
        guard let match = Self.allCases.first(where: { $0.configWord == configWord.lowercased() }) else {
            return nil
        }
        self = match
    }

    /// The letter written in file names.
    public var letter: String { rawValue }

    /// The word used in the configuration.
    public var configWord: String {
        switch self {
        case .production: return "production"
        case .test: return "test"
        case .declarationTest: return "declaration-test"
        }
    }

    /// Remote folder where submissions are uploaded.
    public var inFolder: String {
        switch self {
        case .production: return "IN"
        case .test: return "INTEST"
        case .declarationTest: return "INTEST-S"
        }
    }

    /// Remote folder where the platform puts its answers.
    public var outFolder: String {
        switch self {
        case .production: return "OUT"
        case .test: return "OUTTEST"
        case .declarationTest: return "OUTTEST-S"
        }
    }

    /// Whether an FS signature file goes with the FI. The test circuits reject an FS (code 121).
    public var requiresSignature: Bool { self == .production }

    public var description: String { configWord }
}
