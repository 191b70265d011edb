import BatchFormat
import FuzzSupport

/// `BatchFileName(parsing:)`, the one gate for every name: the ones we write, the ones listed in OUT
/// and the ones quoted inside answers.
///
/// Promises checked: a bad name throws (never a crash) with a printable message of bounded length; a
/// name that gets through is its own text (parsing is exact, nothing is normalised away), is safe as a
/// local file name (A-Z, 0-9 and dots, no empty field, at most `maximumLength`), and every name made
/// from it parses back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchName(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = bytes(raw, size)
    let text = String(decoding: data, as: UTF8.self)
    let name: BatchFileName
    do {
        name = try BatchFileName(parsing: text)
    } catch {
        // Names come from the remote server too: the message never echoes an unprintable byte, nor more
        // than a bounded prefix of the name.
        let message = error.description
        promise(message.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "unprintable message \(message.debugDescription)")
        promise(message.utf8.count <= 512, "a message of \(message.utf8.count) bytes")
        return 0
    }
    promise(name.text == text, "\(text.debugDescription) reads back as \(name.text.debugDescription)")
    promise(text.utf8.count <= BatchFileName.maximumLength, "\(text.debugDescription) is longer than the limit")
    promise(text.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E },
            "\(text.debugDescription) has a byte unsafe in a file name")
    promise(!text.split(separator: ".", omittingEmptySubsequences: false).contains { $0.isEmpty },
            "\(text.debugDescription) has an empty field")
    promise(name.part.map { $0 >= 1 && $0 <= name.parts } ?? true, "\(name): part \(name.part!) of \(name.parts)")

    // Names made from a parsed one go through the same gate again.
    var derived = [name.commitName]
    for kind in BatchFileKind.allCases {
        derived.append(name.sibling(kind))
        derived.append(name.counterpart(kind))
    }
    for other in derived {
        do {
            let again = try BatchFileName(parsing: other.text)
            promise(again == other, "\(other) parses as \(again), another name")
            promise(again.answerKey == name.answerKey, "\(other) is of another answer than \(name)")
        } catch {
            fatal("\(other), made from \(name), does not parse: \(error)")
        }
    }
    return 0
}

@main
enum BatchNameFuzzer {
    static func main() { runFuzzer(test: fuzzBatchName) }
}
