// swift-tools-version:6.1
import PackageDescription

// Layers (arrows point down only):
//   allocate (CLI) -> Reports -> WhatIf -> ScenarioFiles -> Allocation -> LinearProgramming
//   (WhatIf: sweeps over scenario parameters; Reports renders plans, comparisons, sweeps)
//   Calibration (fits need parameters to observed counts) -> ScenarioFiles, Allocation, LinearProgramming
//   Reports -> Calibration (the report's calibration section renders a CalibrationResult)
//   allocate serve: PlannerWeb (Hummingbird routes) -> PlannerService (HTTP-free request
//   handling: decode, validate, solve, render) -> Reports/WhatIf/ScenarioFiles.
//   History (the run history in SQLite through GRDB) -> Reports, ScenarioFiles; the CLI records
//   each run there and reads it back in `allocate history`.
//   GLPKSolver implements LinearProgramming's LinearSolver; it is the only Swift target
//   that imports CGLPK. _GLPKGuard is the C shim that wraps every GLPK call in a
//   setjmp/longjmp guard so that a GLPK error never aborts the process.
let package = Package(
    name: "allocate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "allocate", targets: ["allocate"]),
        .library(name: "Allocation", targets: ["Allocation"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
        .library(name: "ScenarioFiles", targets: ["ScenarioFiles"]),
        .library(name: "PlannerService", targets: ["PlannerService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The web planner's server; swift-configuration support is not needed (fewer packages to build).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // The run history (SQLite from the system: Debian's libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "_GLPKGuard", dependencies: ["CGLPK"], path: "Sources/_GLPKGuard"),
        .target(name: "LinearProgramming"),
        .target(name: "GLPKSolver", dependencies: ["CGLPK", "_GLPKGuard", "LinearProgramming"]),
        // _CFormat: C's "%.*f" for FixedPoint, called without Swift's variadic CVarArg boxing.
        .target(name: "_CFormat"),
        .target(name: "Allocation", dependencies: ["LinearProgramming", "_CFormat"]),
        // _SHA256NI: SHA-256's block compression with the x86 SHA extensions, for _SHA256 where the processor has them.
        .target(name: "_SHA256NI"),
        .target(name: "_SHA256", dependencies: ["_SHA256NI"]),
        // _SQLiteShim: the SQLite calls History needs that Swift cannot make (sqlite3_db_config is variadic).
        .systemLibrary(name: "_SQLiteShim", path: "Sources/_SQLiteShim"),
        // Multi-year replacement plans (issue 19, docs/MULTIYEAR.md): solved through LinearSolver like Allocation.
        .target(name: "Replacement", dependencies: ["Allocation", "LinearProgramming"]),
        .target(name: "Scheduling", dependencies: ["Allocation", "LinearProgramming"]),
        .target(name: "ScenarioFiles", dependencies: ["Allocation", "Scheduling", "Replacement", "_SHA256", "Yams"]),
        .target(name: "WhatIf", dependencies: ["Allocation", "ScenarioFiles"]),
        .target(name: "Calibration", dependencies: ["Allocation", "ScenarioFiles", "LinearProgramming", "_SHA256"]),
        .target(name: "Reports", dependencies: ["Allocation", "Scheduling", "Replacement", "WhatIf", "ScenarioFiles", "Calibration", "ZIPFoundation"]),
        .target(name: "History", dependencies: [
            "Allocation", "ScenarioFiles", "Reports", "Replacement", "LinearProgramming", "_SHA256", "_SQLiteShim", "ZIPFoundation", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The multi-year solve as `allocate years` runs it (refusals, time limit, all stages), shared by
        // the command line and the web planner.
        .target(name: "YearsPlanning", dependencies: ["Replacement", "ScenarioFiles", "GLPKSolver", "LinearProgramming"]),
        .target(name: "PlannerService", dependencies: ["Allocation", "ScenarioFiles", "Reports", "GLPKSolver", "History", "Replacement", "YearsPlanning"]),
        .target(name: "PlannerWeb", dependencies: [
            "PlannerService", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        // The planner page, compiled into the binary (PackageResources.index_html, ...): the
        // server needs no files beside it, and there is no generated copy to keep in step.
        resources: [.embedInCode("Page/index.html"), .embedInCode("Page/style.css"), .embedInCode("Page/app.js")]),
        .executableTarget(
            name: "allocate",
            dependencies: [
                "Allocation", "Scheduling", "Replacement", "ScenarioFiles", "WhatIf", "Reports", "GLPKSolver", "PlannerWeb", "Calibration", "History",
                "YearsPlanning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary on Linux (issue 18) exports none of its ~32,000 symbols (the
            // static stdlib's link arguments export all), so that at each start the runtime's dladdr
            // scans a few hundred symbols. It stays position-independent: without PIE the default
            // solve took 1.6 M fewer instructions (61.6 M against 63.2 M, callgrind, --no-history,
            // 2026-12-03), but the executable, which also runs the web planner (`serve`), would
            // lose its address randomisation.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"],
                                          .when(platforms: [.linux], configuration: .release))]),
        // Benchmarks/years.sh: the multi-year replacement solve on seeded synthetic cities.
        .executableTarget(name: "replacement-bench", dependencies: ["Replacement", "Allocation", "LinearProgramming", "GLPKSolver", "ScenarioFiles"]),
        // Tests mirror the sources: one test target per source target (docs/ARCHITECTURE.md,
        // "Tests"); TestSupport holds what they share (fixture paths, golden files, the engine,
        // the built binary, the scripted solver, small LP models).
        .target(name: "TestSupport", dependencies: ["Allocation", "GLPKSolver", "LinearProgramming", "ScenarioFiles", "PlannerService"],
                path: "Tests/TestSupport"),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "GLPKSolver", "TestSupport"]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming", "TestSupport"]),
        .testTarget(name: "AllocationTests", dependencies: ["Allocation", "LinearProgramming", "GLPKSolver", "ScenarioFiles", "Reports", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReplacementTests", dependencies: ["Replacement", "Allocation", "LinearProgramming", "GLPKSolver", "TestSupport"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Allocation", "ScenarioFiles", "Reports", "GLPKSolver", "TestSupport"]),
        .testTarget(name: "_SHA256Tests", dependencies: ["_SHA256"]),
        .testTarget(name: "ScenarioFilesTests", dependencies: ["ScenarioFiles", "Allocation", "Replacement", "Reports", "_SHA256", "TestSupport"]),
        .testTarget(name: "WhatIfTests", dependencies: ["WhatIf", "Allocation", "LinearProgramming", "ScenarioFiles", "Reports", "TestSupport"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Allocation", "ScenarioFiles", "Reports", "GLPKSolver", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Allocation", "Calibration", "LinearProgramming", "Scheduling", "ScenarioFiles", "WhatIf",
                                                         "GLPKSolver", "PlannerService", "_SHA256", "ZIPFoundation", "TestSupport"]),
        .testTarget(name: "PlannerServiceTests", dependencies: ["PlannerService", "Allocation", "Reports", "ScenarioFiles", "GLPKSolver", "Calibration", "LinearProgramming", "Scheduling", "WhatIf", "Replacement", "YearsPlanning", "TestSupport"]),
        .testTarget(name: "PlannerWebTests", dependencies: ["PlannerWeb", "PlannerService", "ScenarioFiles", "TestSupport",
                                                            .product(name: "Hummingbird", package: "hummingbird"),
                                                            .product(name: "Logging", package: "swift-log"),
                                                            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .testTarget(name: "HistoryTests", dependencies: [
            "History", "Allocation", "ScenarioFiles", "Reports", "GLPKSolver", "PlannerService", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The command line as a user runs it (the built `allocate` binary).
        .testTarget(name: "allocateTests", dependencies: ["ScenarioFiles", "Replacement", "Reports", "TestSupport"]),
    ]
)
