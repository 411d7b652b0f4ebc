import Foundation
import Testing
@testable import ScenarioFiles

/// The loader's byte-wise helpers (issue 18) against the Foundation and standard library calls
/// they replace: `parentFolder` names the folder `NSString.deletingLastPathComponent` names,
/// once the path beside it is normalized as every data path is; `keyParts` splits as
/// `split(separator: ".")` does.
@Suite struct LoaderShortcutTests {
    // Not "" or ".": Foundation's deletingLastPathComponent traps on them here (the loader
    // never asks: a scenario's shown path names a file); parentFolder gives "" for both.
    static let paths = ["Scenarios/dortmund-2020.yaml", "dortmund-2020.yaml", "/dortmund-2020.yaml", "/",
                        "Scenarios/what-if/grant.yaml", "Scenarios/what-if/", "a//b.yaml", "/a/b/c.yaml", "//x", "ä/ö.yaml"]

    @Test(arguments: paths)
    func folderIsNSStrings(path: String) {
        let expected = (path as NSString).deletingLastPathComponent
        #expect(normalized(parentFolder(path) + "/x.csv") == normalized(expected + "/x.csv"), "\(path)")
        #expect(parentFolder(path).isEmpty == expected.isEmpty, "\(path)")
    }

    @Test func noFolder() {
        #expect(parentFolder("") == "")
        #expect(parentFolder(".") == "")
    }

    @Test func dataPathsBesideAScenario() {
        #expect(displayPath("data/x.csv", besides: "Scenarios/dortmund-2020.yaml") == "Scenarios/data/x.csv")
        #expect(displayPath("../data/x.csv", besides: "Scenarios/what-if/a.yaml") == "Scenarios/data/x.csv")
        #expect(displayPath("x.csv", besides: "a.yaml") == "x.csv")
        #expect(displayPath("x.csv", besides: "/a.yaml") == "/x.csv")
    }

    @Test func keyPartsAreSplits() {
        for path in ["pools.<pool>.budget", "name", "", ".", "a..b", ".a.", "deviceKinds.ä.label", "x.y.z.w"] {
            #expect(ScenarioKeys.keyParts(path) == path.split(separator: ".").map(String.init), "\(path)")
        }
        for entry in ScenarioKeys.all { #expect(entry.parts == entry.path.split(separator: ".").map(String.init)) }
    }
}
