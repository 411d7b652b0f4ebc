import Foundation
import Testing
import TestSupport

/// `explain` speaks `--lang`, else the terminal's language (LC_ALL, LC_MESSAGES, LANG).
@Suite struct ExplainLanguageTests {
    static func explain(_ arguments: [String], environment: [String: String]) throws -> (code: Int32, stdout: String) {
        var env = withoutHistory()
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[name] = nil }
        env.merge(environment) { _, new in new }
        let r = try runAllocate(["explain", "Tests/AllocationTests/Fixtures/valid/small.yaml"] + arguments,
                                in: Paths.repository, exactEnvironment: env)
        return (r.code, r.stdout)
    }

    @Test func theTerminalsLanguageUnlessLangIsGiven() throws {
        let german = try Self.explain([], environment: ["LANG": "de_DE.UTF-8"])
        let english = try Self.explain([], environment: ["LANG": "C.UTF-8"])
        let unset = try Self.explain([], environment: [:])
        #expect(german.code == 0 && english.code == 0 && unset.code == 0)
        #expect(german.stdout.contains("Zielfunktion:"), "\(german.stdout.prefix(300))")
        #expect(english.stdout.contains("Objective:"), "\(english.stdout.prefix(300))")
        #expect(unset.stdout == english.stdout)
        // LC_ALL wins over LANG; --lang over both.
        #expect(try Self.explain([], environment: ["LANG": "en_GB.UTF-8", "LC_ALL": "de_DE.UTF-8"]).stdout == german.stdout)
        #expect(try Self.explain(["--lang", "en"], environment: ["LANG": "de_DE.UTF-8"]).stdout == english.stdout)
        #expect(try Self.explain(["--lang", "de"], environment: ["LANG": "C"]).stdout == german.stdout)
        #expect(try Self.explain(["--lang", "fr"], environment: [:]).code == 1)
    }
}
