import Foundation

/// Where the files a scenario names may lie. The command line reads any path its user names;
/// the web planner confines every file a scenario reads (the scenario, its `extends` chain,
/// the school table, the key figures) to its scenarios folder, judged by the real path after
/// links, and refuses the others before opening them, so that no message can quote them.
public struct PathPolicy: Sendable, Equatable {
    /// The folder's real path (links resolved).
    public let root: String
    /// The folder as the user sees it, for messages.
    public let shownAs: String

    public init(folder: String) {
        shownAs = folder
        root = Self.realPath(of: folder)
    }

    /// The policy of the load running on this thread or task (nil: any path).
    @TaskLocal static var current: PathPolicy?

    /// Refuses a path that lies outside the folder once its links are followed.
    func check(_ path: String, shownAs shown: String) throws(ScenarioError) {
        let real = Self.realPath(of: path)
        guard real.hasPrefix(root + "/") else {
            throw ScenarioError(file: shown, .scenarioFile(.outsideFolder(shownAs)))
        }
    }

    static func realPath(of path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    static func checkCurrent(_ path: String, shownAs shown: String) throws(ScenarioError) {
        try current?.check(path, shownAs: shown)
    }
}

extension PathPolicy {
    /// Runs `body` (loads) with this policy: every file it reads must lie in the folder.
    public func apply<T>(_ body: () throws(ScenarioError) -> T) throws(ScenarioError) -> T {
        // The body throws only ScenarioError; carried out as a Result so that no other error
        // (and no English text of one) can come out of the task-local scope.
        let result = PathPolicy.$current.withValue(self) { Result { () throws(ScenarioError) -> T in try body() } }
        return try result.get()
    }
}

extension ScenarioLoader {
    /// `load(path:overrides:)` reading only files inside `policy`'s folder (nil: any file).
    public static func load(path: String, overrides: [String] = [], confinedTo policy: PathPolicy?) throws(ScenarioError) -> LoadedScenario {
        guard let policy else { return try load(path: path, overrides: overrides) }
        return try policy.apply { () throws(ScenarioError) -> LoadedScenario in try load(path: path, overrides: overrides) }
    }
}

extension ScenarioTemplate {
    /// The keys of the mapping at `keyPath` in the merged file (its extends chain, before
    /// overrides): `["deviceKinds"]` gives the device kinds the file defines.
    public func keys(at keyPath: [String]) -> [String] {
        var node: YAMLTree? = tree
        for key in keyPath { node = node?[key] }
        guard case .mapping(let pairs)? = node?.kind else { return [] }
        return pairs.map(\.key)
    }
}
