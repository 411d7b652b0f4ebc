import Foundation
import Allocation

/// Parsed CSV tables by path, and school lists by the scenario text they came from, shared
/// by the scenarios made from one template.
final class TableCache: @unchecked Sendable {
    /// Tables of at least this many rows are read in two halves on two threads
    /// (`ScenarioLoader.readSchools`); tests set it low to take that path with small tables.
    let halvesFrom: Int
    /// … and at most this many: the second half's schools are held apart until they are
    /// appended to the first, about 80 bytes a row more at the peak of loading (a 1,000,000-row
    /// table, `Benchmarks/load.sh`, would peak 50 MiB higher).
    let halvesUpTo: Int
    /// Files of at least this many bytes are checked to be UTF-8 on one thread while their
    /// fields are cut on another (`CSVTable.concurrently`).
    let concurrentFromBytes: Int
    init(halvesFrom: Int = 10_000, halvesUpTo: Int = 250_000, concurrentFromBytes: Int = 1 << 20) {
        self.halvesFrom = halvesFrom; self.halvesUpTo = halvesUpTo; self.concurrentFromBytes = concurrentFromBytes
    }

    private let lock = NSLock()
    private var tables: [String: CSVTable] = [:]
    private var schoolLists: [String: (schools: [School], files: [InputFile])] = [:]

    func schools(for key: String) -> (schools: [School], files: [InputFile])? { lock.withLock { schoolLists[key] } }
    func store(schools: [School], files: [InputFile], for key: String) { lock.withLock { schoolLists[key] = (schools, files) } }

    func store(_ path: String, _ table: CSVTable) { lock.withLock { tables[path] = table } }

    func table(_ path: String) throws(ScenarioError) -> CSVTable {
        try PathPolicy.checkCurrent(path, shownAs: path)
        if let cached = lock.withLock({ tables[path] }) { return cached }
        let bytes = try readBytes(path, shownAs: path)
        var table: CSVTable
        if bytes.count >= concurrentFromBytes, let read = try CSVTable.concurrently(bytes, file: path) {
            table = read
            table.source = inputRecord(bytes, shownAs: path)
        } else {
            let (text, record) = try fileText(bytes, shownAs: path)
            table = try CSVTable(text: text, file: path)
            table.source = record
        }
        lock.withLock { tables[path] = table }
        return table
    }
}

/// The results of work on the cores, one slot per task, each taken out once: the caller then
/// holds the only reference and extends it in place (`ParallelResults.values` would keep a
/// second, and the first append would copy a whole half).
final class TakenSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Value) { lock.withLock { slots[i] = value } }
    func take(_ i: Int) -> Value? { lock.withLock { slots[i].take() } }
}
