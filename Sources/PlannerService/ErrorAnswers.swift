import Allocation
import Reports
import ScenarioFiles

/// The web API's answer to an error of the library: status and kind come from the error's
/// class (`classify`, Sources/Allocation/ErrorClass.swift), the one the command line takes its
/// exit code from; the message is the command line's, and beside it the same in German
/// (`ErrorWords`, Sources/Reports/ErrorWords.swift), which the answer carries unless the
/// request asks for English.
extension PlannerError {
    init(classifying error: any Error, field: String? = nil) {
        let errorClass = classify(error)
        if errorClass == .cancelled { self = .clientGone; return }
        self.init(errorClass.httpStatus, errorClass.httpKind, ErrorWords.text(error, .en), german: ErrorWords.text(error, .de), field: field)
    }
}

/// The planner's own refusals (400, 404, 409, 413, …) are input; 499 is a client that hung up.
extension PlannerError: ClassifiedError {
    public var errorClass: ErrorClass { ErrorClass(httpStatus: status) }
}
