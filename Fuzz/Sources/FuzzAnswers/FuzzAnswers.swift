import Answers
import BatchFormat
import FuzzSupport
import SafeXML

private let parser = AnswerParser()
/// Small limits, so that inputs of a few kilobytes cross each of them.
private let smallParser = AnswerParser(limits: XMLParsingLimits(maxDepth: 3, maxBytes: 1024, maxTextBytes: 32))

/// `AnswerParser`, on an answer file as the platform might put it in OUT: its forms (ACRF or
/// NOTIFICATION), then what the daemon derives from them (tickets, our references, the file names
/// quoted inside, which go through `BatchFileName(parsing:)` as every name does).
///
/// Promises checked: anything but an answer throws an `AnswerError` (never a crash) naming the document
/// and a line it has; an answer has at least one form, result codes in their published ranges and its
/// lines on lines the file has; the same bytes read from a file give the same answer; the parser's
/// limits refuse a larger document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = inputFile(raw, size)
    let document = Array(bytes(raw, size)), lines = input.lines
    let fromBytes = parse(parser, document, lines: lines)

    let fromFile: [PlatformAnswer]?
    do { fromFile = try parser.parse(fileAt: input.path) } catch { fromFile = nil }
    promise(fromFile == fromBytes, "read from bytes: \(String(describing: fromBytes)); from a file: \(String(describing: fromFile))")

    if let small = parse(smallParser, document, lines: lines) {
        promise(size <= smallParser.limits.maxBytes, "a document of \(size) bytes read with a limit of \(smallParser.limits.maxBytes)")
        promise(small == fromBytes, "small limits give another answer: \(small)")
    }
    return 0
}

private func parse(_ parser: AnswerParser, _ bytes: [UInt8], lines: Int) -> [PlatformAnswer]? {
    let answers: [PlatformAnswer]
    do {
        answers = try parser.parse(bytes, documentName: "FO.ACRF.999999.20250410.99998.T")
    } catch {
        check(error, lines: lines)
        return nil
    }
    promise(!answers.isEmpty, "an answer without forms")
    for answer in answers {
        _ = answer.ticket
        _ = answer.typeCode
        switch answer {
        case .acrf(let acrf):
            promise((0...1).contains(acrf.result.rawValue), "ACRF result \(acrf.result.rawValue)")
            names(acrf.fileNames)
        case .notification(let notification):
            promise((0...4).contains(notification.result.rawValue), "NOTIFICATION result \(notification.result.rawValue)")
            names(notification.fileNames)
            _ = notification.senderReferences.map { SenderReference.formCreation(from: $0) }
            _ = notification.description
            for anomaly in notification.anomalies {
                promise(anomaly.line >= 1 && anomaly.line <= lines, "anomaly on line \(anomaly.line) of \(lines)")
                _ = anomaly.description
                _ = anomaly.debugDescription
            }
        }
    }
    return answers
}

private func names(_ quoted: [String]) {
    for text in quoted {
        if let name = try? BatchFileName(parsing: text) {
            promise(name.text == text, "\(text.debugDescription) reads back as \(name)")
        }
    }
}

private func check(_ error: AnswerError, lines: Int) {
    let line: Int?
    switch error {
    case .refusedXML(let xml):
        promise(xml.document == "FO.ACRF.999999.20250410.99998.T", "\(xml) names another document")
        line = xml.line
    case .unknownRoot(_, _, let at), .missingElement(_, _, _, let at), .invalidValue(_, _, _, _, let at):
        promise(error.description.hasPrefix("FO.ACRF.999999.20250410.99998.T:"), "\(error) names another document")
        line = at
    }
    if let line { promise(line >= 1 && line <= lines, "\(error): the file has \(lines) lines") }
}

@main
enum AnswersFuzzer {
    static func main() { runFuzzer(test: fuzzAnswers) }
}
