/// Why the simulated platform refuses a whole submission: written in the ACRF as `ACRF-<code>`.
///
/// The numbers are the platform's documented ones (batch-channel.md, section 3) where one exists.
/// Two rules have no public number and use one chosen here: a signature that does not verify (125)
/// and an FI that is not valid against the XSD (150).
public enum RejectionCode: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The sender number in the name is not the SFTP account's.
    case senderNotAccount = 108
    /// The date in the name is after the platform's today.
    case dateInFuture = 110
    /// The date in the name is older than the platform accepts.
    case dateTooOld = 111
    /// A production name (`R`) in a test folder.
    case productionNameInTestFolder = 118
    /// A test name (`T`, `S`) in the production folder `IN`.
    case testNameInProductionFolder = 119
    /// An FI part announced by the GO is missing.
    case dataFileMissing = 120
    /// An FS was sent to a test circuit, which takes none.
    case signatureInTest = 121
    /// An FI without its FS in production.
    case signatureMissing = 122
    /// An FI of the same submission that the GO does not announce (another part count, a part beyond it).
    case surplusDataFile = 123
    /// An FS that belongs to no announced FI.
    case surplusSignatureFile = 124
    /// Chosen here (no public number): the FS does not verify against the channel's registered certificate.
    case signatureInvalid = 125
    /// The name does not have the documented structure (part count, empty part).
    case nameStructure = 131
    /// A part of the name is invalid (characters, flow, date, sequence, environment, parts).
    case namePartInvalid = 132
    /// This sender already used the date, sequence and environment: a name is never accepted twice.
    case nameAlreadyUsed = 133
    /// Chosen here (no public number): the FI is not valid against the flow's XSD.
    case schemaInvalid = 150
    /// The form type inside the FI (`Form/Identification`) is not the flow code of the name.
    case formTypeMismatch = 158
    /// An FI is larger than the platform accepts.
    case fileTooLarge = 184
    /// A `T` name in `INTEST-S`, or an `S` name in `INTEST`.
    case wrongTestFolder = 257

    /// `ACRF-133`, as written in `ReceptionResult/ErrorID`.
    public var errorID: String { "ACRF-\(rawValue)" }

    public var description: String { errorID }
}
