import Foundation
import FuzzSupport
import ScenarioFiles

/// The fuzz scenario (Fuzz/scenarios/city.yaml: every section of the Dortmund scenario on a
/// 12-row table), read once: each input is applied to it as a sweep applies its points, so an
/// execution costs the override and the scenario's build, not parsing the file again (that is
/// FuzzScenarioYAML's part; it was over half of each execution here).
let template = try! ScenarioTemplate.load(path: ProcessInfo.processInfo.environment["FUZZ_SCENARIO"] ?? "Fuzz/scenarios/city.yaml")

/// libFuzzer: any bytes as one `--set key.path=value` on the fuzz scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? template.scenario(overrides: [text(data, size)])
    return 0
}

@_cdecl("FuzzOverride_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
