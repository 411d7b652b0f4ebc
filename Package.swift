// swift-tools-version:6.0
import PackageDescription

// Layers (arrows point down only):
//   allocate (CLI) -> Reports -> WhatIf -> ScenarioFiles -> Allocation -> LinearProgramming
//   (WhatIf: sweeps over scenario parameters; Reports renders plans, comparisons, sweeps)
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "_GLPKGuard", dependencies: ["CGLPK"], path: "Sources/_GLPKGuard"),
        .target(name: "LinearProgramming"),
        .target(name: "GLPKSolver", dependencies: ["CGLPK", "_GLPKGuard", "LinearProgramming"]),
        .target(name: "Allocation", dependencies: ["LinearProgramming"]),
        .target(name: "_SHA256"),
        .target(name: "Scheduling", dependencies: ["Allocation", "LinearProgramming"]),
        .target(name: "ScenarioFiles", dependencies: ["Allocation", "Scheduling", "_SHA256", "Yams"]),
        .target(name: "WhatIf", dependencies: ["Allocation", "ScenarioFiles"]),
        .target(name: "Reports", dependencies: ["Allocation", "Scheduling", "WhatIf", "ScenarioFiles", "ZIPFoundation"]),
        .executableTarget(
            name: "allocate",
            dependencies: [
                "Allocation", "Scheduling", "ScenarioFiles", "WhatIf", "Reports", "GLPKSolver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "GLPKSolver"]),
        .testTarget(
            name: "AllocationTests",
            dependencies: ["Allocation", "Scheduling", "ScenarioFiles", "WhatIf", "Reports", "GLPKSolver", "_SHA256", "ZIPFoundation"],
            exclude: ["Fixtures"]),
    ]
)
