import Foundation
import Allocation

/// Parsed CSV tables by path, and school lists by the scenario text they came from, shared
/// by the scenarios made from one template.
final class TableCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: CSVTable] = [:]
    private var schoolLists: [String: (schools: [School], files: [InputFile])] = [:]

    func schools(for key: String) -> (schools: [School], files: [InputFile])? { lock.withLock { schoolLists[key] } }
    func store(schools: [School], files: [InputFile], for key: String) { lock.withLock { schoolLists[key] = (schools, files) } }

    func store(_ path: String, _ table: CSVTable) { lock.withLock { tables[path] = table } }

    func table(_ path: String) throws(ScenarioError) -> CSVTable {
        try PathPolicy.checkCurrent(path, shownAs: path)
        if let cached = lock.withLock({ tables[path] }) { return cached }
        let (text, record) = try readFile(path, shownAs: path)
        var table = try CSVTable(text: text, file: path)
        table.source = record
        lock.withLock { tables[path] = table }
        return table
    }
}
