import Foundation
import FuzzSupport
import ScenarioFiles

/// libFuzzer: any bytes as a scenario file (data paths relative to Scenarios/).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzEntryPoints.scenarioYAML(text(data, size), baseDirectory: ProcessInfo.processInfo.environment["FUZZ_BASE"] ?? "Scenarios")
    return 0
}

@_cdecl("FuzzScenarioYAML_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
