import Foundation
import FuzzSupport
import ScenarioFiles

/// libFuzzer: any bytes as the school table of the small test scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzEntryPoints.schoolCSV(text(data, size), scenarioPath: "Tests/AllocationTests/Fixtures/valid/small.yaml")
    return 0
}

@_cdecl("FuzzSchoolCSV_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
