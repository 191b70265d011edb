// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for what fladaemon reads from outside: CSV files, canonical XML exports, the
// platform's answers and batch file names. A package of its own so the product's build stays as it is:
// each executable here runs libFuzzer's driver and links only with the fuzzer flags (`make fuzz` in the
// repository root passes them).
let package = Package(
    name: "fladaemon-fuzz",
    dependencies: [
        .package(name: "fladaemon", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", readers]),
        .executableTarget(name: "FuzzBatchName", dependencies: ["FuzzSupport", readers]),
        .executableTarget(name: "FuzzCSVRecords", dependencies: ["FuzzSupport", readers]),
        .executableTarget(name: "FuzzCSVExport", dependencies: ["FuzzSupport", readers]),
        .executableTarget(name: "FuzzXMLExport", dependencies: ["FuzzSupport", readers]),
        .executableTarget(name: "FuzzAnswers", dependencies: ["FuzzSupport", readers]),
    ]
)

var readers: Target.Dependency { .product(name: "InputReaders", package: "fladaemon") }
