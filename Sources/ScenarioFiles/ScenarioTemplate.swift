import Foundation
import Allocation

/// A scenario file read and merged (with its `extends` chain and `--set` overrides) but not
/// yet turned into a `Scenario`: a sweep makes one scenario per point from it, each with a
/// few more overrides, and reads every data table only once.
public struct ScenarioTemplate: Sendable {
    public let path: String
    let tree: YAMLTree
    let files: [InputFile]
    let tables: TableCache

    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> ScenarioTemplate {
        var files: [InputFile] = []
        var tree = try ScenarioLoader.loadTree(path, chain: [], files: &files)
        for override in overrides { tree = try ScenarioLoader.apply(override, to: tree) }
        return ScenarioTemplate(path: path, tree: tree, files: files, tables: TableCache())
    }

    /// The scenario, with `overrides` ("key.path=value") applied on top.
    public func scenario(overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
        var t = tree
        for override in overrides { t = try ScenarioLoader.apply(override, to: t) }
        return try ScenarioLoader.build(YAMLValue(node: t, path: ""), files: files, tables: tables)
    }
}
