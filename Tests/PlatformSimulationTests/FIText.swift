/// FI documents written by hand (schema fla-fi-1.xsd), so tests can also make what fladaemon never would:
/// bad check digits, unknown committees, another form type.
enum FIText {
    /// Valid NISS (check digits right), born before 2000.
    static let validINSS = "85073003328"
    static let otherValidINSS = "90010112395"
    /// Same as `validINSS` with a wrong last check digit.
    static let invalidINSS = "85073003329"

    static func document(flow: String = "FLAX", date: String = "2026-01-15", hour: String = "10:20:30.123",
                         records: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <FLAOriginal>
          <Form>
            <Identification>\(flow)</Identification>
            <FormCreationDate>\(date)</FormCreationDate>
            <FormCreationHour>\(hour)</FormCreationHour>
            <Declarant>
              <SenderNumber>123456</SenderNumber>
              <Quality>employer</Quality>
              <CompanyID>0403577903</CompanyID>
            </Declarant>
            <Records>
        \(records.joined(separator: "\n"))
            </Records>
          </Form>
        </FLAOriginal>

        """
    }

    static func trainingRight(id: String, inss: String = validINSS, days: String = "5",
                              jointCommittee: String = "200") -> String {
        """
              <TrainingRight>
                <RecordId>\(id)</RecordId>
                <Action>create</Action>
                <Worker><INSS>\(inss)</INSS></Worker>
                <Employer><CompanyID>0403577903</CompanyID></Employer>
                <Year>2026</Year>
                <Days>\(days)</Days>
                <JointCommittee>\(jointCommittee)</JointCommittee>
              </TrainingRight>
        """
    }

    static func trainingFollowed(id: String, inss: String = validINSS) -> String {
        """
              <TrainingFollowed>
                <RecordId>\(id)</RecordId>
                <Action>create</Action>
                <Worker><INSS>\(inss)</INSS></Worker>
                <Employer><CompanyID>0403577903</CompanyID></Employer>
                <TrainingName>Forklift safety</TrainingName>
                <StartDate>2026-01-05</StartDate>
                <EndDate>2026-01-06</EndDate>
                <Duration>14</Duration>
                <DurationUnit>hours</DurationUnit>
                <Followed>true</Followed>
                <CountsForFLA>true</CountsForFLA>
              </TrainingFollowed>
        """
    }

    /// One valid training right.
    static var simple: String { document(records: [trainingRight(id: "R1")]) }
}
