// swift-tools-version:6.1
// EstateSim: a monthly Monte Carlo simulator of a prison estate's population and capacity.
// The targets follow the direction of the data: CGSL (C only) → EstateRandom (the only importer of
// CGSL) → EstateModel (scenario values) → EstateFiles (TOML and CSV in, validated) → EstateEngine (the monthly step) →
// EstateResults (what a batch produced, mergeable, and every figure derived from it) → EstateReports (CSV, JSON
// SQLite and HTML writers, which only format) → estate-sim (the thin command line).
import PackageDescription

import class Foundation.ProcessInfo

let package = Package(
    name: "EstateSim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "estate-sim", targets: ["EstateSimCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(
            name: "EstateRandom",
            dependencies: ["CGSL"],
            exclude: ["README.md"]
        ),
        .target(
            name: "EstateModel",
            dependencies: ["EstateRandom"]
        ),
        .target(
            name: "EstateFiles",
            dependencies: [
                "EstateRandom", "EstateModel",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "EstateResults",
            dependencies: ["EstateModel"],
            exclude: ["README.md"]
        ),
        .target(
            name: "EstateEngine",
            dependencies: ["EstateRandom", "EstateModel", "EstateResults"],
            exclude: ["README.md"],
            swiftSettings: [
                // The monthly step reaches its counters through a class; in release builds the
                // dynamic exclusivity checks on those accesses cost about 6 % of a benchmark run.
                // Debug builds, where the tests run, keep every check.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(
            name: "EstateReports",
            dependencies: [
                "EstateRandom", "EstateModel", "EstateResults",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Plot", package: "Plot"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "EstateSimCLI",
            dependencies: [
                "EstateRandom", "EstateModel", "EstateFiles", "EstateEngine", "EstateResults", "EstateReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The loaders under libFuzzer (`Scripts/fuzz`); a plain build replays files named on its command line.
        .executableTarget(
            name: "EstateFilesFuzz",
            dependencies: ["EstateFiles", "EstateEngine"]
        ),
        .testTarget(name: "EstateRandomTests", dependencies: ["EstateRandom"]),
        .testTarget(name: "EstateModelTests", dependencies: ["EstateModel"]),
        .testTarget(
            name: "EstateFilesTests",
            dependencies: ["EstateFiles", "EstateModel", "EstateRandom"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "EstateEngineTests",
                    dependencies: ["EstateEngine", "EstateResults", "EstateModel", "EstateRandom"]),
        .testTarget(name: "EstateResultsTests", dependencies: ["EstateResults", "EstateEngine", "EstateModel"]),
        .testTarget(name: "EstateReportsTests",
                    dependencies: ["EstateReports", "EstateResults", "EstateEngine", "EstateModel", "EstateRandom",
                                   .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EstateSimCLITests", dependencies: ["EstateSimCLI"]),
        .testTarget(name: "EnglandWalesTests",
                    dependencies: ["EstateFiles", "EstateEngine", "EstateResults", "EstateModel", "EstateRandom"]),
    ]
)

// Micro-benchmarks of the engine's hot paths (Benchmarks/, ordo-one/benchmark), declared only when
// asked for, so that `swift build`, the tests and CI neither resolve nor build the benchmark
// package: `ESTATESIM_BENCHMARKS=1 swift package --disable-sandbox benchmark`. The malloc
// interposer trait is off (no allocation metrics are measured, and its runtime interposer is not
// on the package mirror).
if ProcessInfo.processInfo.environment["ESTATESIM_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: []))
    package.targets.append(.executableTarget(
        name: "EngineHotPaths",
        dependencies: [
            "EstateEngine", "EstateFiles", "EstateModel", "EstateRandom",
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/EngineHotPaths",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
