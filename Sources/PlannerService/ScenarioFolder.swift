import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Reports
import ScenarioFiles

/// The scenarios folder the planner may read and write: every scenario name from a request is
/// resolved here, and none can reach a file outside it (no "..", no absolute paths, no links
/// that lead out).
public struct ScenarioFolder: Sendable {
    /// The folder as the user gave it ("Scenarios"); paths shown to users start with it.
    public let path: String
    /// Its real path (links resolved), what every resolved file must lie under.
    let realPath: String
    /// Every file a scenario of the planner reads must lie in the folder (real path).
    public let policy: PathPolicy
    /// Where saved what-if files go, relative to the folder.
    public static let savedFolder = "saved"

    public init(path: String) throws(PlannerError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PlannerError(404, "not-found", PlannerWords.folderNotFound(path))
        }
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        realPath = Self.realPath(of: path)
        policy = PathPolicy(folder: self.path)
    }

    /// The file a scenario name stands for, as a path the loader and the user see.
    public func resolve(_ name: String, field: String = "scenario") throws(PlannerError) -> String {
        guard Self.isScenarioName(name) else {
            throw PlannerError(400, "bad-request",
                               "\(field): found '\(name.prefix(80))', allowed: a .yaml file under \(path)/ named with letters, digits, '-', '_', '.' and '/' (no '..')",
                               german: "\(field): „\(name.prefix(80))“ gefunden; erlaubt ist eine .yaml-Datei unter \(path)/, benannt mit Buchstaben, Ziffern, „-“, „_“, „.“ und „/“ (kein „..“)",
                               field: field)
        }
        let full = path + "/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw PlannerError(404, "not-found", "\(field): \(full): file not found", german: "\(field): \(full): Datei nicht gefunden", field: field)
        }
        let real = Self.realPath(of: full)
        guard real.hasPrefix(realPath + "/") else {
            throw PlannerError(403, "forbidden", "\(field): \(full) leads outside \(path)/",
                               german: "\(field): \(full) führt aus \(path)/ hinaus", field: field)
        }
        return full
    }

    /// The path with every link followed: where the file really is.
    static func realPath(of path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// A scenario's name: a relative .yaml path of letters, digits, '-', '_' and '.', no part
    /// hidden or empty (so no "..", no absolute path).
    static func isScenarioName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.count <= 200 && !name.hasPrefix("/")
            && parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(Self.isNameCharacter) })
            && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    /// A saved file's name: letters, digits, '-' and '_', not starting with '-'.
    static func isFileName(_ file: String) -> Bool {
        !file.isEmpty && file.count <= 80 && file.unicodeScalars.allSatisfy(PlannerRequest.isKeyCharacter) && !file.hasPrefix("-")
    }

    static func isNameCharacter(_ u: Unicode.Scalar) -> Bool {
        PlannerRequest.isKeyCharacter(u) || u == "."
    }

    /// Every scenario file in the folder up to three levels deep, by name, sorted (generated data
    /// and hidden folders left out).
    public func scenarioNames() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var names: [String] = [], seen = 0
        while let item = walker.nextObject() as? String {
            let parts = item.split(separator: "/")
            if parts.last?.hasPrefix(".") == true || parts.last?.hasPrefix("_saving-") == true || (parts.count == 1 && (parts[0] == "generated" || parts[0] == "data")) {
                walker.skipDescendants()
                continue
            }
            // A scenarios folder is small and shallow; a mistaken one (a home directory) must not be walked whole.
            seen += 1
            if seen > 5_000 { break }
            if parts.count >= 3 { walker.skipDescendants() }
            guard item.hasSuffix(".yaml") || item.hasSuffix(".yml") else { continue }
            if (try? resolve(item)) != nil { names.append(item) }
        }
        return names.sorted()
    }

    /// Temporary files of a save in progress: hidden (never listed, never a scenario name), in
    /// `saved/` so that giving them their name is one link(2) or rename(2) on the same disk.
    static let temporaryPrefix = ".saving-"

    /// `saved/` as the loader sees it, and its real path.
    var savedPath: String { path + "/" + Self.savedFolder }

    /// Runs `body` holding the folder's save lock: an exclusive flock(2) on `saved/` (created if
    /// missing), so that saves of this and any other planner on the folder run one at a time and
    /// what a save checks (its base's extends chain) cannot change before it is written.
    public func withSaveLock<T>(_ body: () throws(PlannerError) -> T) throws(PlannerError) -> T {
        do { try FileManager.default.createDirectory(atPath: savedPath, withIntermediateDirectories: true) } catch {
            throw PlannerError(500, "internal", "cannot create \(savedPath)/: \(systemReason(error))", german: "\(savedPath)/ kann nicht angelegt werden: \(ErrorWords.reason(systemReason(error), .de))")
        }
        guard Self.realPath(of: savedPath) == realPath + "/" + Self.savedFolder else {
            throw PlannerError(403, "forbidden", PlannerWords.leadsOutside(savedPath, folder: path))
        }
        let fd = open(savedPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PlannerError(500, "internal", PlannerWords.cannotOpen(savedPath, reason: errnoText(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw PlannerError(500, "internal", PlannerWords.cannotLock(savedPath, reason: errnoText(errno))) }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// Removes what saves interrupted (a killed server) left in `saved/`: hidden `.saving-*`
    /// files and the `_saving-*` files of earlier versions. Returns the names removed.
    @discardableResult
    public func removeTemporaryFiles() -> [String] {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: savedPath) else { return [] }
        let stale = items.filter { ($0.hasPrefix(Self.temporaryPrefix) || $0.hasPrefix("_saving-")) && $0.hasSuffix(".yaml") }
        guard !stale.isEmpty else { return [] }
        // Under the lock: a save of another planner on this folder keeps its file.
        return (try? withSaveLock { () throws(PlannerError) -> [String] in
            stale.filter { unlink(savedPath + "/" + $0) == 0 }.sorted()
        }) ?? []
    }

    /// Writes a what-if file under `saved/`: `extends` the scenario it was made from, a `name`,
    /// then only the changed values, nested as in a scenario file. Call it holding the save lock.
    /// `check` gets the path of the file under a temporary (hidden) name first; the file is given
    /// its own name only if `check` passes. A new name is taken with link(2), which fails if
    /// anything has that name (even a dangling link), so of several saves under one new name
    /// exactly one succeeds; `overwrite` replaces the name (a link is replaced, not followed).
    public func save(file: String, over scenarioName: String, title: String, overrides: [String: String], overwrite: Bool,
                     language: ReportLanguage = .de, check: (String) throws(PlannerError) -> Void) throws(PlannerError) -> String {
        guard Self.isFileName(file) else { throw PlannerRequest.badFileName(file) }
        let name = Self.savedFolder + "/" + file + ".yaml"
        let full = path + "/" + name
        if !overwrite && Self.entryExists(full) { throw Self.exists(full) }
        let text = Self.whatIfText(extends: "../" + scenarioName, title: title, overrides: overrides, language: language)
        let temporary = savedPath + "/" + Self.temporaryPrefix + UUID().uuidString + ".yaml"
        defer { unlink(temporary) }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting) } catch {
            throw PlannerError(500, "internal", PlannerWords.cannotWrite(temporary, reason: systemReason(error)))
        }
        try check(temporary)
        if overwrite {
            // rename(2) replaces the old file in one step; a link named like the file is replaced, not followed.
            guard rename(temporary, full) == 0 else {
                throw PlannerError(500, "internal", PlannerWords.cannotWrite(full, reason: errnoText(errno)))
            }
        } else if link(temporary, full) != 0 {
            if errno == EEXIST { throw Self.exists(full) }
            throw PlannerError(500, "internal", PlannerWords.cannotWrite(full, reason: errnoText(errno)))
        }
        return name
    }

    static func exists(_ full: String) -> PlannerError {
        PlannerError(409, "conflict", "\(full) exists; save under another name or replace it",
                     german: "\(full) gibt es schon; bitte unter einem anderen Namen speichern oder die Datei ersetzen", field: "file")
    }

    /// Whether anything has this name, a dangling link included (lstat, not stat).
    static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether opening `path` would pass through the directory entry `entry` (a real folder
    /// and a name): its folders resolved, then its links followed one by one. A file built on
    /// `entry` this way would extend itself once `entry` is written.
    static func reaches(_ path: String, entry: String) -> Bool {
        var current = parentResolved(path)
        for _ in 0..<40 {
            if current == entry { return true }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return false }
            current = parentResolved(target.hasPrefix("/") ? target : (current as NSString).deletingLastPathComponent + "/" + target)
        }
        return true // a loop of links: never safe to build on
    }

    /// The path with its folders' links resolved, its last part as written.
    static func parentResolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return realPath(of: (absolute as NSString).deletingLastPathComponent) + "/" + (absolute as NSString).lastPathComponent
    }

    /// A what-if scenario file: a few lines over its base. The name is written as a JSON string,
    /// which is a YAML double-quoted scalar (the request refused control characters). Its first
    /// line says where it comes from, in the planner's language.
    static func whatIfText(extends base: String, title: String, overrides: [String: String], language: ReportLanguage = .de) -> String {
        var lines = [StatusWords(language).savedFromPlanner,
                     "extends: \(base)", "name: \(JSONValue.string(title).render())"]
        // Nest the key paths as in a hand-written scenario file.
        var previous: [Substring] = []
        for key in overrides.keys.sorted(by: keyOrder) {
            let parts = key.split(separator: ".")
            var common = 0
            while common < min(previous.count, parts.count - 1) && previous[common] == parts[common] { common += 1 }
            for depth in common..<(parts.count - 1) {
                lines.append(String(repeating: "  ", count: depth) + parts[depth] + ":")
            }
            lines.append(String(repeating: "  ", count: parts.count - 1) + parts[parts.count - 1] + ": " + overrides[key]!)
            previous = Array(parts.dropLast())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Key paths in file order: part by part, numbers by value ("2" before "10").
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "."), y = b.split(separator: ".")
        for (p, q) in zip(x, y) where p != q {
            if let i = Int(p), let j = Int(q) { return i < j }
            return p < q
        }
        return x.count < y.count
    }
}
