import Foundation
import Testing
import Reports

/// `ProcessEnvironment`, the one reader of environment variables: the process's own (getenv)
/// agrees with Foundation's copy of the environment; a fixed set answers only for its own.
@Suite struct ProcessEnvironmentTests {
    @Test func currentReadsTheProcessEnvironment() {
        let foundation = ProcessInfo.processInfo.environment
        for name in ["PATH", "HOME", "LANG", "ALLOCATE_NO_SUCH_VARIABLE_SET"] {
            #expect(ProcessEnvironment.current[name] == foundation[name], "\(name)")
        }
        #expect(ProcessEnvironment.current["ALLOCATE_NO_SUCH_VARIABLE_SET"] == nil)
    }

    @Test func fixedValuesAreTheOnlyOnes() {
        let fixed: ProcessEnvironment = ["LANG": "de_DE.UTF-8", "EMPTY": ""]
        #expect(fixed["LANG"] == "de_DE.UTF-8")
        #expect(fixed["EMPTY"] == "")
        #expect(fixed["PATH"] == nil)
        #expect(ProcessEnvironment(["LC_ALL": "C"])["LC_ALL"] == "C")
        #expect(ReportLanguage.fromEnvironment(fixed) == .de)
        #expect(ReportLanguage.fromEnvironment(["LC_ALL": "C", "LANG": "de_DE.UTF-8"]) == .en)
    }
}
