// swift-tools-version: 6.2
import PackageDescription

// Modules import downwards only (each arrow is a declared dependency, and each is imported):
//   fladaemon (CLI, service wiring) -> Stages, Settings, Conversion, Answers, Delivery, Transport, Spool, Journal, ServiceSupport
//   Stages (the daemon's stages)     -> Settings, Conversion, Answers, Delivery, Transport, Spool, Journal, ServiceSupport
//   Delivery (the exactly-once upload, parallel delivery, fetching answers, FailureVerdict) -> Transport, BatchFormat, Journal, Faults
//   Conversion -> Settings, FLAFlow, BatchFormat, Journal, SafeXML, Identifiers
//   Answers    -> BatchFormat, Journal, SafeXML, Identifiers
//   Settings   -> FLAFlow, BatchFormat, Identifiers
//   Transport (SSH and SFTP only) -> CLibSSH2, BatchFormat
//   Spool      -> Journal, BatchFormat
//   FLAFlow    -> CSVInput, SafeXML, BatchFormat, Identifiers
//   BatchFormat -> COpenSSL, CZlib, SafeXML, Faults
//   SafeXML -> CLibXML2; ServiceSupport -> CSystemd, Identifiers; Journal -> GRDB
//   LogFields (the log metadata keys) is used by Stages, Answers, Delivery and Transport
//   PlatformSimulation (the simulated platform, for tests and the demo) -> FLAFlow, BatchFormat, SafeXML, Identifiers
//   Faults (what is a condition of the machine) sits below all of them
let package = Package(
    name: "fladaemon",
    products: [
        .executable(name: "fladaemon", targets: ["fladaemon"]),
        .executable(name: "platform-simulator", targets: ["PlatformSimulator"]),
        // What reads input from outside, for the fuzz targets (Fuzz/Package.swift) that depend on this package.
        .library(name: "InputReaders", targets: ["CSVInput", "SafeXML", "FLAFlow", "Answers", "BatchFormat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // C libraries, each with one small shim header.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibSSH2", pkgConfig: "libssh2", providers: [.apt(["libssh2-1-dev"])]),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "Identifiers"),
        .target(name: "LogFields"),
        .target(name: "Faults"),
        .target(name: "SafeXML", dependencies: ["CLibXML2"]),
        .target(name: "CSVInput"),
        .target(name: "BatchFormat", dependencies: ["COpenSSL", "SafeXML", "CZlib", "Faults"]),
        .target(
            name: "FLAFlow",
            dependencies: ["Identifiers", "CSVInput", "SafeXML", "BatchFormat"],
            resources: [.copy("Schema")]
        ),
        .target(name: "Journal", dependencies: ["Faults", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Settings",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
                "BatchFormat", "FLAFlow", "Identifiers",
            ]
        ),
        .target(
            name: "Conversion",
            dependencies: ["FLAFlow", "BatchFormat", "Journal", "SafeXML", "Settings", "Identifiers", "Faults", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Transport",
            dependencies: ["CLibSSH2", "BatchFormat", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Delivery",
            dependencies: ["Transport", "BatchFormat", "Journal", "LogFields", "Faults", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Answers", dependencies: ["SafeXML", "BatchFormat", "Journal", "Identifiers", "LogFields", .product(name: "Logging", package: "swift-log")],
                exclude: ["Schema/README.md"], resources: [.copy("Schema")]),
        .target(name: "Spool", dependencies: ["Journal", "BatchFormat", "Faults", .product(name: "Logging", package: "swift-log")], exclude: ["README.md"]),
        .target(
            name: "ServiceSupport",
            dependencies: ["CSystemd", "Identifiers", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "PlatformSimulation", dependencies: ["BatchFormat", "FLAFlow", "SafeXML", "Identifiers"]),
        .target(
            name: "Stages",
            dependencies: [
                "Settings", "Conversion", "Journal", "Transport", "Delivery", "Spool", "ServiceSupport", "Answers", "BatchFormat",
                "FLAFlow", "LogFields", "Faults",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "fladaemon",
            dependencies: [
                "Settings", "Conversion", "Journal", "Transport", "Delivery", "Spool", "ServiceSupport", "BatchFormat", "FLAFlow",
                "Stages", "Answers", "Faults",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "PlatformSimulator",
            dependencies: ["PlatformSimulation", "BatchFormat", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "BenchTool",
            dependencies: ["CSVInput", "FLAFlow", "Transport", .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Test helpers that start real components (openssl, sshd, journald).
        .target(name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport"),
        .testTarget(name: "IdentifiersTests", dependencies: ["Identifiers"]),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML", "TestSupport"]),
        .testTarget(name: "CSVInputTests", dependencies: ["CSVInput", "TestSupport"]),
        .testTarget(name: "BatchFormatTests", dependencies: ["BatchFormat", "TestSupport"]),
        .testTarget(name: "FLAFlowTests", dependencies: ["FLAFlow", "BatchFormat", "CSVInput", "Identifiers", "SafeXML", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "BatchFormat", "FLAFlow", "TestSupport"]),
        .testTarget(name: "ConversionTests", dependencies: ["Conversion", "Settings", "BatchFormat", "FLAFlow", "Identifiers", "Journal", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Delivery", "Journal", "BatchFormat", "TestSupport"]),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "Journal", "Faults", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ServiceSupportTests", dependencies: ["ServiceSupport", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "StagesTests", dependencies: ["Stages"]),
        .testTarget(name: "AnswersTests", dependencies: ["Answers", "BatchFormat", "Journal", "SafeXML", "TestSupport"]),
        .testTarget(name: "PlatformSimulationTests", dependencies: ["PlatformSimulation", "Answers", "BatchFormat", "FLAFlow", "Identifiers", "SafeXML", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Conversion", "Transport", "Delivery", "Answers", "Journal", "Settings", "PlatformSimulation", "TestSupport", "BatchFormat", "FLAFlow", "Identifiers", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "DaemonTests", dependencies: ["Journal", "PlatformSimulation", "TestSupport", "BatchFormat"]),
        .testTarget(name: "FaultsTests", dependencies: ["Faults", "Journal", "BatchFormat", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
