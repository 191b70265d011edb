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

    struct Anomaly {
        var errorID: String? = "00011-155"
        var tagName: String?
        var value: String?
        var anomalyClass: String? = "B"
        var path: String?
        var systemCorrection: String?
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

    static func acrf(fileNames: [String], ticket: String? = "T2026112300000042", result: Int,
                     errorIDs: [String] = []) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ACRF>
          <Form>
            <Identification>ACRF001</Identification>
            <FormCreationDate>2026-11-23</FormCreationDate>
            <FormCreationHour>12:30:35.001</FormCreationHour>
            <FileReference>
        \(fileNames.map { "      <FileName>\($0)</FileName>" }.joined(separator: "\n"))
              <ReferenceOrigin>FLAX</ReferenceOrigin>
        \(ticket.map { "      <ReferenceNbr>\($0)</ReferenceNbr>" } ?? "")
            </FileReference>
            <ReceptionResult>
              <ResultCode>\(result)</ResultCode>
        \(errorIDs.map { "      <ErrorID>\($0)</ErrorID>" }.joined(separator: "\n"))
            </ReceptionResult>
          </Form>
        </ACRF>

        """
    }

    static func notification(fileName: String? = nil, handled: (date: String, hour: String)? = nil,
                             ticket: String? = nil, result: Int, diagnosis: String? = nil,
                             anomalies: [Anomaly] = []) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <NOTIFICATION>
          <Form>
            <Identification>NOTI001</Identification>
            <FormCreationDate>2026-11-23</FormCreationDate>
            <FormCreationHour>12:30:36.000</FormCreationHour>

        """
        if let fileName { xml += "    <FileReference><FileName>\(fileName)</FileName></FileReference>\n" }
        if let handled {
            xml += """
                <HandledOriginalForm>
                  <Identification>FLAX</Identification>
                  <FormCreationDate>\(handled.date)</FormCreationDate>
                  <FormCreationHour>\(handled.hour)</FormCreationHour>
                </HandledOriginalForm>

            """
        }
        if let ticket { xml += "    <Reference>\(ticket)</Reference>\n" }
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
            line("Path", anomaly.path)
            line("SystemCorrection", anomaly.systemCorrection)
            xml += "      </AnomalyReport>\n"
        }
        xml += "    </HandlingResult>\n  </Form>\n</NOTIFICATION>\n"
        return xml
    }
}
