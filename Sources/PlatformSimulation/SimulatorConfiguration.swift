import BatchFormat

/// Everything the simulated platform needs to know about the one channel it serves.
public struct SimulatorConfiguration: Sendable {
    /// The folder the SFTP server serves: it holds IN, OUT, INTEST, OUTTEST, INTEST-S, OUTTEST-S.
    public var root: String
    /// The sender number of the SFTP account: submissions must carry it (else 108).
    public var accountSender: SenderNumber
    /// The flow this platform handles; a submission of another flow is refused (132).
    public var flowCode: FlowCode
    /// PEM file of the CA (or self-signed) certificates the channel's FS signatures must verify against.
    public var trustedCertificates: String
    /// The platform's own sender number, in the names of its answers.
    public var platformSender: SenderNumber
    /// The XSD FI files must be valid against; nil for the bundled `fla-fi-1.xsd`.
    public var schemaPath: String?
    /// Where the platform remembers names already used, its answer sequence and tickets. Outside `root`:
    /// the channel's user must not see or change it.
    public var stateFolder: String
    /// How many days old a name's date may be (the real limit is not published).
    public var maxAgeDays: Int
    /// Largest FI accepted, in bytes (else 184).
    public var maxFileBytes: Int
    /// At most this many anomalies are reported per NOTIFICATION; the ResultCode still counts them all.
    public var maxAnomaliesPerNotification: Int
    public var misbehaviour: Misbehaviour
    /// How many fields the simulated platform's answer names have: 6 as the platform usually writes them
    /// (`FO.ACRF.999999.20250410.99998.T`), 7 or 8 as it also does.
    public var answerNameLength: BatchNameLength
    /// The platform's own signing identity: in production each answer gets an `FS` made with it.
    public var platformSigning: SigningIdentity?
    /// The platform's day, for the date rules and answer names; Belgian time by default.
    public var today: @Sendable () -> CalendarDate

    public init(root: String, accountSender: SenderNumber, flowCode: FlowCode, trustedCertificates: String,
                platformSender: SenderNumber, schemaPath: String? = nil, stateFolder: String,
                maxAgeDays: Int = 30, maxFileBytes: Int = 100 << 20, maxAnomaliesPerNotification: Int = 1000,
                misbehaviour: Misbehaviour = .none, answerNameLength: BatchNameLength = .six,
                platformSigning: SigningIdentity? = nil,
                today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.root = root
        self.accountSender = accountSender
        self.flowCode = flowCode
        self.trustedCertificates = trustedCertificates
        self.platformSender = platformSender
        self.schemaPath = schemaPath
        self.stateFolder = stateFolder
        self.maxAgeDays = maxAgeDays
        self.maxFileBytes = maxFileBytes
        self.maxAnomaliesPerNotification = maxAnomaliesPerNotification
        self.misbehaviour = misbehaviour
        self.answerNameLength = answerNameLength
        self.platformSigning = platformSigning
        self.today = today
    }

    /// `root/IN`, `root/INTEST`, ...
    public func folder(_ name: String) -> String {
        root.hasSuffix("/") ? root + name : root + "/" + name
    }
}
