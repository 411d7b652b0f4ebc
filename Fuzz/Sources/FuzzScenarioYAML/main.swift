import Foundation
import ScenarioFiles

/// libFuzzer: any bytes as a scenario file (data paths relative to Scenarios/).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = FuzzEntryPoints.scenarioYAML(text, baseDirectory: ProcessInfo.processInfo.environment["FUZZ_BASE"] ?? "Scenarios")
    return 0
}

// SwiftPM links an executable with main = FuzzScenarioYAML_main; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzScenarioYAML_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, values = argv
    return runDriver(&count, &values, fuzz)
}
