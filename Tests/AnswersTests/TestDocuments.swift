/// Answer files as the platform writes them (see the shared answer contract) and the FI documents
/// fladaemon sends (schema fla-fi-1.xsd), written by hand so each test shows exactly what is read.
enum TestDocuments {
    /// Valid national numbers (check digits computed by hand: 97 - (first 9 digits mod 97)).
    static let nissA = "85073003328"
    static let nissB = "90010100123"
    static let nissC = "75061512374"

    enum Record {
        case right(id: String, inss: String)
        case followed(id: String, inss: String)
    }

    /// One `AnomalyReport`, in the published order: ErrorID, TagName, Value, AnomalyClass, AnomalyLabel,
    /// AnomalyLocation, Path (structured keys).
    struct Anomaly {
        var errorID: String? = "00011-155"
        var tagName: String?
        var value: String?
        var anomalyClass: String? = "B"
        var label: String?
        var line: Int?
        var path: [(String, String)] = []
    }

    static func fi(date: String, hour: String, records: [Record]) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <FLAOriginal>
          <Form>
            <Identification>FLAX</Identification>
            <FormCreationDate>\(date)</FormCreationDate>
            <FormCreationHour>\(hour)</FormCreationHour>
            <Declarant>
              <SenderNumber>123456</SenderNumber>
              <Quality>employer</Quality>
              <CompanyID>0202239951</CompanyID>
            </Declarant>
            <Records>

        """
        for record in records {
            switch record {
            case .right(let id, let inss):
                xml += """
                      <TrainingRight>
                        <RecordId>\(id)</RecordId>
                        <Action>create</Action>
                        <Worker><INSS>\(inss)</INSS></Worker>
                        <Employer><CompanyID>0202239951</CompanyID></Employer>
                        <Year>2026</Year>
                        <Days>5</Days>
                        <JointCommittee>200</JointCommittee>
                      </TrainingRight>

                """
            case .followed(let id, let inss):
                xml += """
                      <TrainingFollowed>
                        <RecordId>\(id)</RecordId>
                        <Action>create</Action>
                        <Worker>
                          <INSS>\(inss)</INSS>
                        </Worker>
                        <Employer><CompanyID>0202239951</CompanyID></Employer>
                        <TrainingName>Safety</TrainingName>
                        <StartDate>2026-03-01</StartDate>
                        <EndDate>2026-03-02</EndDate>
                        <Duration>8</Duration>
                        <DurationUnit>hours</DurationUnit>
                        <Followed>true</Followed>
                        <CountsForFLA>true</CountsForFLA>
                      </TrainingFollowed>

                """
            }
        }
        xml += """
            </Records>
          </Form>
        </FLAOriginal>

        """
        return xml
    }

    /// An ACRF in the published shape; `lineEnd` "\r\n" and tabs as some answers come.
    static func acrf(fileNames: [String], ticket: String? = "03804UE9XCMQZ", result: Int,
                     errorIDs: [String] = [], lineEnd: String = "\n") -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<ACRF xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"ACRF_20251.xsd\">",
            "\t<Form>",
            "\t\t<Identification>ACRF001</Identification>",
            "\t\t<FormCreationDate>2026-11-23</FormCreationDate>",
            "\t\t<FormCreationHour>12:30:35.001</FormCreationHour>",
            "\t\t<AttestationStatus>0</AttestationStatus>",
            "\t\t<TypeForm>PA</TypeForm>",
            "\t\t<FileReference>",
        ]
        lines += fileNames.map { "\t\t\t<FileName>\($0)</FileName>" }
        if let ticket { lines += ["\t\t\t<ReferenceOrigin>2</ReferenceOrigin>", "\t\t\t<ReferenceNbr>\(ticket)</ReferenceNbr>"] }
        lines += ["\t\t</FileReference>", "\t\t<ReceptionResult>", "\t\t\t<ResultCode>\(result)</ResultCode>"]
        lines += errorIDs.map { "\t\t\t<ErrorID>\($0)</ErrorID>" }
        lines += ["\t\t</ReceptionResult>", "\t</Form>", "</ACRF>", ""]
        return lines.joined(separator: lineEnd)
    }

    /// A NOTIFICATION in the published shape. `fileName` nil leaves the optional FileReference out;
    /// `senderReference` is quoted back as a Reference of origin 1, `ticket` as the HandledReference (origin 2).
    static func notification(fileName: String? = nil, handled: (date: String, hour: String)? = nil,
                             ticket: String? = nil, senderReference: String? = nil, result: Int, diagnosis: Int? = nil,
                             anomalies: [Anomaly] = []) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <NOTIFICATION xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="NOTIFICATION_20251.xsd">
          <Form>
            <Identification>NOTI001</Identification>
            <FormCreationDate>2026-11-23</FormCreationDate>
            <FormCreationHour>12:30:36.000</FormCreationHour>
            <AttestationStatus>0</AttestationStatus>
            <TypeForm>FA</TypeForm>

        """
        if let fileName {
            xml += "    <FileReference><FileName>\(fileName)</FileName><ReferenceOrigin>2</ReferenceOrigin>"
                + (ticket.map { "<ReferenceNbr>\($0)</ReferenceNbr>" } ?? "") + "</FileReference>\n"
        }
        if let handled {
            xml += """
                <HandledOriginalForm>
                  <Identification>FLAX</Identification>
                  <FormCreationDate>\(handled.date)</FormCreationDate>
                  <FormCreationHour>\(handled.hour)</FormCreationHour>
                  <AttestationStatus>0</AttestationStatus>
                  <TypeForm>SU</TypeForm>
                </HandledOriginalForm>

            """
        }
        if let senderReference {
            xml += "    <Reference><ReferenceType>1</ReferenceType><ReferenceOrigin>1</ReferenceOrigin><ReferenceNbr>\(senderReference)</ReferenceNbr></Reference>\n"
        }
        xml += "    <EmployerId><NOSSRegistrationNbr>123456789</NOSSRegistrationNbr><CompanyID>0202239951</CompanyID></EmployerId>\n"
        xml += "    <HandledReference><ReferenceType>1</ReferenceType><ReferenceOrigin>2</ReferenceOrigin>"
            + (ticket.map { "<ReferenceNbr>\($0)</ReferenceNbr>" } ?? "") + "</HandledReference>\n"
        xml += "    <HandlingResult>\n      <ResultCode>\(result)</ResultCode>\n"
        if let diagnosis { xml += "      <Diagnosis>\(diagnosis)</Diagnosis>\n" }
        for anomaly in anomalies {
            xml += "      <AnomalyReport>\n"
            func line(_ tag: String, _ value: String?) {
                if let value { xml += "        <\(tag)>\(value)</\(tag)>\n" }
            }
            line("ErrorID", anomaly.errorID)
            line("TagName", anomaly.tagName)
            line("Value", anomaly.value)
            line("AnomalyClass", anomaly.anomalyClass)
            line("AnomalyLabel", anomaly.label)
            if let at = anomaly.line { xml += "        <AnomalyLocation><LineNbr>\(at)</LineNbr><ColumnNbr>9</ColumnNbr><Location>1,1,8,4</Location></AnomalyLocation>\n" }
            if !anomaly.path.isEmpty {
                xml += "        <Path>" + anomaly.path.map { "<\($0.0)>\($0.1)</\($0.0)>" }.joined() + "</Path>\n"
            }
            xml += "      </AnomalyReport>\n"
        }
        xml += "    </HandlingResult>\n  </Form>\n</NOTIFICATION>\n"
        return xml
    }
}
