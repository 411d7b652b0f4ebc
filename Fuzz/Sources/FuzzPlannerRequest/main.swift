import Foundation
import FuzzSupport
import PlannerService

/// One planner for the whole run, on the fuzz scenarios folder (Fuzz/scenarios: the Dortmund
/// scenario's sections on a 12-row table and a what-if file over it). The planner reads the
/// scenario afresh for every request, as the server does; in Scenarios/ a request could name
/// the state-wide scenario (5,400 schools, seconds per load), here every execution is bounded.
let service = try! PlannerService(folder: ScenarioFolder(path: ProcessInfo.processInfo.environment["FUZZ_FOLDER"] ?? "Fuzz/scenarios"),
                                  defaultScenario: "city.yaml")

/// libFuzzer: any bytes as the body of a web planner request. `form` runs the whole input path
/// of every API call — decode the JSON, check keys and values, resolve the scenario names
/// inside the scenarios folder, apply the overrides, load — without solving (which would
/// only slow the search down); the answer must be a response, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    let response = service.handle("form", body: body)
    precondition([200, 400, 403, 404, 413, 422].contains(response.status), "unexpected status \(response.status)")
    return 0
}

@_cdecl("FuzzPlannerRequest_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
