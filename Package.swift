// swift-tools-version: 6.2
import PackageDescription

// Modules import downwards only:
//   fladaemon (CLI, service wiring) -> Spool, Transport, Conversion, Settings, ServiceSupport
//   Conversion -> FLAFlow, BatchFormat, Journal
//   FLAFlow -> CSVInput, SafeXML, Identifiers
//   BatchFormat -> COpenSSL, SafeXML
//   Transport -> CLibSSH2, BatchFormat, Journal
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
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
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
        .target(name: "SafeXML", dependencies: ["CLibXML2"]),
        .target(name: "CSVInput"),
        .target(name: "BatchFormat", dependencies: ["COpenSSL", "SafeXML", "CZlib"]),
        .target(
            name: "FLAFlow",
            dependencies: ["Identifiers", "CSVInput", "SafeXML", "BatchFormat"],
            resources: [.copy("Schema")]
        ),
        .target(name: "Journal", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Settings",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                "BatchFormat", "FLAFlow",
            ]
        ),
        .target(
            name: "Conversion",
            dependencies: ["FLAFlow", "BatchFormat", "Journal", "SafeXML", "Settings", "Identifiers", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Transport",
            dependencies: ["CLibSSH2", "BatchFormat", "Journal", "SafeXML", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Answers", dependencies: ["SafeXML", "BatchFormat", "Journal", "Identifiers", .product(name: "Logging", package: "swift-log")],
                exclude: ["Schema/README.md"], resources: [.copy("Schema")]),
        .target(name: "Spool", dependencies: ["Journal", "BatchFormat", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")], exclude: ["README.md"]),
        .target(
            name: "ServiceSupport",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "PlatformSimulation", dependencies: ["BatchFormat", "FLAFlow", "SafeXML", "Identifiers"]),
        .target(
            name: "Stages",
            dependencies: [
                "Settings", "Conversion", "Journal", "Transport", "Spool", "ServiceSupport", "Answers", "BatchFormat",
                "FLAFlow",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "fladaemon",
            dependencies: [
                "Settings", "Conversion", "Journal", "Transport", "Spool", "ServiceSupport", "BatchFormat", "FLAFlow",
                "Stages", "Answers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "PlatformSimulator",
            dependencies: ["PlatformSimulation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "BenchTool",
            dependencies: ["Identifiers", "CSVInput", "FLAFlow", "Transport", .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Test helpers that start real components (openssl, sshd, journald).
        .target(name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport"),
        .testTarget(name: "IdentifiersTests", dependencies: ["Identifiers"]),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML", "TestSupport"]),
        .testTarget(name: "CSVInputTests", dependencies: ["CSVInput", "TestSupport"]),
        .testTarget(name: "BatchFormatTests", dependencies: ["BatchFormat", "TestSupport"]),
        .testTarget(name: "FLAFlowTests", dependencies: ["FLAFlow", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "TestSupport"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "TestSupport"]),
        .testTarget(name: "ConversionTests", dependencies: ["Conversion", "Settings", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Journal", "BatchFormat", "TestSupport"]),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "Journal", "TestSupport"]),
        .testTarget(name: "ServiceSupportTests", dependencies: ["ServiceSupport", "TestSupport"]),
        .testTarget(name: "StagesTests", dependencies: ["Stages"]),
        .testTarget(name: "AnswersTests", dependencies: ["Answers", "Journal", "TestSupport"]),
        .testTarget(name: "PlatformSimulationTests", dependencies: ["PlatformSimulation", "Answers", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Conversion", "Transport", "Answers", "Journal", "Settings", "PlatformSimulation", "TestSupport", "BatchFormat", "FLAFlow", "Identifiers", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "DaemonTests", dependencies: ["Journal", "PlatformSimulation", "TestSupport", "BatchFormat"]),
    ]
)
