import Foundation
import Allocation

/// Entry points for the coverage-guided fuzz harness (Fuzz/): each takes untrusted text and
/// must come back with a value or a `ScenarioError`, never crash or hang. Kept in the library so
/// that the harness exercises exactly the code the command line runs.
public enum FuzzEntryPoints {
    /// A scenario file's text, with data paths relative to `baseDirectory`.
    public static func scenarioYAML(_ text: String, baseDirectory: String) -> ScenarioError? {
        do {
            guard let node = try ScenarioLoader.parseYAML(text, file: "fuzz.yaml") else { return nil }
            var tree = try YAMLTree(node, file: "fuzz.yaml")
            for key in ScenarioLoader.pathKeys { tree = tree.mapScalars(at: key) { displayPath($0, besides: baseDirectory + "/fuzz.yaml") } }
            _ = try ScenarioLoader.build(YAMLValue(node: tree, path: ""), files: [], tables: TableCache())
            return nil
        } catch { return error }
    }

    /// A school table's text, read with the given scenario (whose `schools.file` it replaces).
    public static func schoolCSV(_ csv: String, scenarioPath: String) -> ScenarioError? {
        do {
            let template = try ScenarioTemplate.load(path: scenarioPath)
            guard case .scalar(let path) = template.tree["schools"]?["file"]?.kind else { return nil }
            template.tables.preload(path, try CSVTable(text: csv, file: path))
            _ = try template.scenario()
            return nil
        } catch { return error }
    }

    // `--set` is fuzzed through `ScenarioTemplate` (Fuzz/Sources/FuzzOverride): the scenario is
    // read once and each input applied to it, as a sweep applies its points.
}

extension TableCache {
    /// Puts a table in the cache as if it had been read from `path`.
    func preload(_ path: String, _ table: CSVTable) { store(path, table) }
}
