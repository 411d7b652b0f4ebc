import Foundation
import Testing
@testable import ScenarioFiles
import Allocation
import TestSupport

/// Loading a big school table on two threads (issue 18, eighth round): the rows in two halves
/// (`TableCache.halvesFrom`) and the file checked to be UTF-8 while its fields are cut
/// (`TableCache.concurrentFromBytes`) give the schools, the table and the first error of the
/// serial path, byte for byte — for a bad row in either half and a school number repeated
/// across the halves. The thresholds are set low so that small tables take the new paths.
@Suite struct LoadHalvesTests {
    static let header = "schulnummer,name,schulform,stadtbezirk_geocoded,schueler_2024_25_gerundet,sozialindex_2025_26,lat,lon,lehrkraefte"

    /// Forty valid rows (numbers 200001 …), the row with the given index (1-based, as a line
    /// number minus one) replaced where `changes` says.
    static func table(_ changes: [Int: String] = [:], rows: Int = 40) -> String {
        var lines = [header]
        for r in 1...rows {
            let form = ["Grundschule", "Gymnasium", "Realschule"][r % 3]
            lines.append(changes[r] ?? "\(200_000 + r),Schule \(r),\(form),Bezirk \(r % 4),\(100 + r),\(r % 9 + 1),51.\(r),7.\(r),\(10 + r % 7)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The small fixture's scenario with `csv` as its school table, read with the given threshold.
    static func load(_ csv: String, halvesFrom: Int) -> (schools: [School]?, error: ScenarioError?) {
        do {
            let base = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
            let template = ScenarioTemplate(path: base.path, tree: base.tree, files: base.files, tables: TableCache(halvesFrom: halvesFrom))
            guard case .scalar(let path) = template.tree["schools"]?["file"]?.kind else { return (nil, nil) }
            template.tables.preload(path, try CSVTable(text: csv, file: path))
            return (try template.scenario().scenario.schools, nil)
        } catch { return (nil, error) }
    }

    static func bad(_ r: Int, pupils: String = "viele") -> String { "\(200_000 + r),Schule \(r),Gymnasium,Nord,\(pupils),3,51.1,7.1,12" }
    static func same(_ r: Int, as other: Int) -> String { "\(200_000 + other),Schule \(r),Gymnasium,Nord,120,3,51.1,7.1,12" }

    @Test(arguments: [
        ("valid", [:]),
        ("bad row in the first half", [5: bad(5)]),
        ("bad row in the second half", [30: bad(30)]),
        ("bad rows in both halves", [12: bad(12), 25: bad(25)]),
        ("school number of the first half in the second", [30: same(30, as: 3)]),
        ("the same, repeated at the second half's first row", [21: same(21, as: 20)]),
        ("a bad row in the second half before a repeated number", [25: bad(25), 30: same(30, as: 3)]),
        ("a repeated number before a bad row in the second half", [22: same(22, as: 3), 30: bad(30)]),
        ("a repeated number on a row that is bad too", [26: "200004,Schule 26,Gymnasium,Nord,120,12,51.1,7.1,12"]),
        ("a bad number on a row whose number repeats", [27: "2000 04,Schule 27,Gymnasium,Nord,x,3,51.1,7.1,12"]),
        ("a number repeated within the second half after one across", [24: same(24, as: 2), 33: same(33, as: 31)]),
        ("a number repeated within the second half before one across", [24: same(24, as: 22), 33: same(33, as: 2)]),
        ("a number repeated within the first half", [3: same(3, as: 1), 30: bad(30)]),
    ] as [(String, [Int: String])])
    func twoHalvesGiveTheSerialResult(_ name: String, _ changes: [Int: String]) {
        let csv = Self.table(changes)
        let serial = Self.load(csv, halvesFrom: .max), halves = Self.load(csv, halvesFrom: 2)
        #expect(serial.schools == halves.schools && serial.error == halves.error,
                "\(name): serial \(String(describing: serial.error)), halves \(String(describing: halves.error))")
        #expect((serial.error == nil) == changes.isEmpty, "\(name): \(String(describing: serial.error))")
        if name.hasPrefix("school number") || name.hasPrefix("the same") || name.hasPrefix("a repeated number before") {
            guard case .schools(.duplicateSchool(_, let firstLine))? = halves.error?.problem else {
                Issue.record("\(name): \(String(describing: halves.error))"); return
            }
            #expect(firstLine <= 21, "\(name): the first line is in the first half")
        }
    }

    /// Odd and small row counts split anywhere: every table of 2 to 9 rows with a repeated
    /// number at each pair of rows gives the serial error.
    @Test func everySplitOfSmallTables() {
        for rows in 2...9 {
            #expect(Self.load(Self.table(rows: rows), halvesFrom: 2).schools == Self.load(Self.table(rows: rows), halvesFrom: .max).schools)
            for a in 1...rows { for b in a + 1 ... max(a + 1, rows) where b <= rows {
                let csv = Self.table([b: Self.same(b, as: a)], rows: rows)
                let serial = Self.load(csv, halvesFrom: .max), halves = Self.load(csv, halvesFrom: 2)
                #expect(serial.error != nil && serial.error == halves.error, "\(rows) rows, \(a) and \(b)")
            } }
        }
    }

    /// A file's bytes as a table: read concurrently (UTF-8 check beside the cut) and serially.
    static func read(_ bytes: [UInt8]) throws -> (serial: String, concurrent: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("load-halves-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        func describe(_ cache: TableCache) -> String {
            do {
                let t = try cache.table(path)
                return "\(t.header) \(t.delimiter) \(String(describing: t.delimiterChoice)) \(t.rows.map { "\($0.line):\($0.fields)" }) "
                    + "\(t.source?.bytes ?? -1) \(t.source?.sha256 ?? "")"
            } catch { return "error \(error)" }
        }
        return (describe(TableCache(concurrentFromBytes: .max)), describe(TableCache(concurrentFromBytes: 0)))
    }

    @Test(arguments: [
        ("valid", Array("a,b\n1,\"x\ny\"\r\n3,\"q\"\"q\"\n".utf8)),
        ("semicolons", Array("a;b\n1;2,5\n".utf8)),
        ("neither delimiter", Array("ab\n1\n".utf8)),
        ("quote never closed", Array("a,b\n1,\"x\n2,3\n".utf8)),
        ("text after a quote", Array("a,b\n1,\"x\"y\n".utf8)),
        ("field count", Array("a,b\n1,2,3\n".utf8)),
        ("duplicate column", Array("a,a\n1,2\n".utf8)),
        ("empty", []),
        ("not UTF-8 before a CSV error", Array("a,b\n1,\u{FC}".utf8.prefix(7)) + [0xFF] + Array(",\"\n".utf8)),
        ("not UTF-8 after a CSV error", Array("a,b\n1,\"x\n".utf8) + [0xC3, 0x28]),
        ("a byte order mark", [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8)),
        ("two byte order marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("a;b\n1;2\n".utf8)),
        ("umlauts", Array("schulnummer,ört\n1,Düsseldorf\n".utf8)),
        ("a quoted line end across the cut", Array("a,b\n1,\"x\n2,3\n4,5\n6,7\n8\",9\n10,11\n".utf8)),
        ("a blank line where the second part starts", Array("a,b\n1,2\n3,4\n\n\n5,6\n7,8\n".utf8)),
        ("a bad row in the second part", Array("a,b\n1,2\n3,4\n5,6\n7,8\n9\n".utf8)),
        ("a bad row in the first part", Array("a,b\n1\n3,4\n5,6\n7,8\n9,10\n".utf8)),
        ("lone CRs and one LF", Array("a,b\r1,2\r3,4\r5,6\n7,8\r9,10\r".utf8)),
    ] as [(String, [UInt8])])
    func utf8CheckedBesideTheCutGivesTheSerialTable(_ name: String, _ bytes: [UInt8]) throws {
        let (serial, concurrent) = try Self.read(bytes)
        #expect(serial == concurrent, "\(name)")
        if name.hasPrefix("not UTF-8") { #expect(concurrent.contains("is not UTF-8 text"), "\(name): \(concurrent)") }
    }

    /// Random texts of quotes, separators, line ends and letters, read concurrently (cut in two
    /// parts where a line ends 3/10 in) and serially: the same records, lines and first error.
    @Test func randomTextsCutInTwoPartsAsInOne() throws {
        var g = SplitMix64(seed: 18)
        let alphabet: [[UInt8]] = [[0x61], [0x2C], [0x3B], [0x22], [0x0A], [0x0D], [0x0D, 0x0A], Array("ü".utf8), [0x31]]
        func describe(_ read: () throws(ScenarioError) -> CSVTable?) -> String {
            do throws(ScenarioError) {
                guard let t = try read() else { return "nil" }
                return "\(t.header) \(t.delimiter) \(String(describing: t.delimiterChoice)) \(t.rows.map { "\($0.line):\($0.fields)" })"
            } catch { return "error \(error)" }
        }
        var split = 0
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...80, using: &g) { bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }
            let serial = describe { () throws(ScenarioError) in
                let (text, _) = try fileText(bytes, shownAs: "t.csv")
                return try CSVTable(text: text, file: "t.csv")
            }
            let concurrent = describe { () throws(ScenarioError) in try CSVTable.concurrently(bytes, file: "t.csv") }
            if concurrent == "nil" { continue }
            if bytes[(bytes.count * 3 / 10)...].dropLast().contains(0x0A) { split += 1 }
            #expect(serial == concurrent, "\(bytes)")
        }
        #expect(split > 2_000)
    }
}
