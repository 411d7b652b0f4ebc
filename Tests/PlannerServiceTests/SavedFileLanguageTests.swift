import Foundation
import Testing
@testable import PlannerService

/// A what-if file the planner saves says where it comes from in the planner's language:
/// German by default, English when the page is English (issue 15).
@Suite struct SavedFileLanguageTests {
    @Test func theCommentFollowsThePlannersLanguage() {
        let de = ScenarioFolder.whatIfText(extends: "../base.yaml", title: "T", overrides: ["objective": "weighted"])
        let en = ScenarioFolder.whatIfText(extends: "../base.yaml", title: "T", overrides: ["objective": "weighted"], language: .en)
        #expect(de.hasPrefix("# Im Web-Planer gespeichert (allocate serve)"))
        #expect(en.hasPrefix("# Saved from the web planner (allocate serve)"))
        #expect(!de.contains("Saved") && !en.contains("gespeichert"))
        // Apart from the comment, the files are the same.
        #expect(de.split(separator: "\n").dropFirst() == en.split(separator: "\n").dropFirst())
    }
}
