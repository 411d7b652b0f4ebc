// swift-tools-version:6.0
import PackageDescription

// The fuzz harness, apart from the main package so that `swift build` there never needs
// libFuzzer. Build and run with Fuzz/run.sh (see README, "Reliability").
let package = Package(
    name: "Fuzz",
    dependencies: [.package(name: "allocate", path: "..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzScenarioYAML", "FuzzSchoolCSV", "FuzzOverride"].map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "ScenarioFiles", package: "allocate")])
    } + [
        .executableTarget(name: "FuzzPlannerRequest", dependencies: ["FuzzSupport", .product(name: "PlannerService", package: "allocate")]),
    ]
)
