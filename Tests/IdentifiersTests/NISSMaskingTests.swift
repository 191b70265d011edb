import Testing
import Identifiers

struct NISSMaskingTests {
    @Test(arguments: [
        ("worker 85073003328 rejected", "worker *********28 rejected"),
        ("worker 85.07.30-033.28 rejected", "worker *********28 rejected"),
        ("850730-033-28", "*********28"),
        ("85 07 30 033 28.", "*********28."),
        ("niss=85073003328,next=93051822361", "niss=*********28,next=*********61"),
        // The NISS is masked, the count next to it stays readable.
        ("85073003328 12 lines", "*********28 12 lines"),
        ("line 4: 85073003328", "line 4: *********28"),
        ("contract-85073003328.pdf", "contract-*********28.pdf"),
        ("file_85.07.30-033.28_v2", "file_*********28_v2"),
    ])
    func masksElevenDigitGroups(input: String, expected: String) {
        #expect(NISSMasking.masking(input) == expected)
    }

    @Test(arguments: [
        "no digits at all",
        "submission 12, sequence 00042",
        "enterprise 0123456749",       // BCE: 10 digits
        "reference 123456789012",      // 12 digits: not a NISS
        "2026-11-23T10:51:02.123Z",
        "3d1219c7c4c5404aaa1f6d2a48adfda4",
        // UUID groups add up to 11 digits here, but they are glued to hex letters.
        "marker C1F5C792-6058-4415-A1AB-33E4595D2320",
        "ID85073003328x",
    ])
    func leavesOtherNumbersAlone(text: String) {
        #expect(NISSMasking.masking(text) == text)
    }

    @Test func keepsNonASCIITextIntact() {
        #expect(NISSMasking.masking("Employé 85073003328 — refusé") == "Employé *********28 — refusé")
    }
}
