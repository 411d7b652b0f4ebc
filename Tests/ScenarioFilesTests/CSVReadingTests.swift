import Foundation
import Testing
@testable import ScenarioFiles
import Allocation
import TestSupport

/// The CSV reader keeps each field as a byte range of the text and makes Strings only when asked
/// (issue 14: a million-row table). These tests hold it to the reader it replaced: the same
/// records, lines and errors for the edges of RFC 4180 and the German Excel dialect, and, for
/// thousands of random texts, exactly what the former reader gave (`FormerCSVReader` below, the
/// former code kept as the reference).
@Suite struct CSVReadingTests {
    typealias Outcome = FormerCSVReader.Outcome

    static func outcome(_ text: String) -> Outcome {
        do {
            let t = try CSVTable(text: text, file: "t.csv")
            return .table(header: t.header, rows: t.rows.map(\.fields), lines: t.rows.map(\.line),
                          delimiter: String(t.delimiter), choice: t.delimiterChoice.map { "\($0)" })
        } catch { return .error(line: error.line, description: error.description) }
    }

    @Test func quotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes() throws {
        let t = try CSVTable(text: "a,b,c\n\"x,y\",\"1\n2\",\"He said \"\"hi\"\"\"\nlast,\"\",\"\"\"\"\n", file: "t.csv")
        #expect(t.rows.map(\.fields) == [["x,y", "1\n2", "He said \"hi\""], ["last", "", "\""]])
        #expect(t.rows.map(\.line) == [2, 4])
    }

    @Test func crlfLoneCRAndNoFinalLineBreak() throws {
        let crlf = try CSVTable(text: "a,b\r\n1,2\r\n3,4", file: "t.csv")
        #expect(crlf.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(crlf.rows.map(\.line) == [2, 3])
        let cr = try CSVTable(text: "a,b\r1,2\r3,\"x\r\ny\"\r5,6\r", file: "t.csv")
        #expect(cr.rows.map(\.fields) == [["1", "2"], ["3", "x\r\ny"], ["5", "6"]])
        #expect(cr.rows.map(\.line) == [2, 3, 5])
    }

    @Test func blankLinesTrailingEmptyLinesAndATrailingSeparator() throws {
        let t = try CSVTable(text: "\n\na,b\n\n1,2\n\"\"\n3,\n\n\n", file: "t.csv")
        #expect(t.header == ["a", "b"])
        #expect(t.rows.map(\.fields) == [["1", "2"], ["3", ""]])
        #expect(t.rows.map(\.line) == [5, 7])
        let atEnd = try CSVTable(text: "a,b\n1,", file: "t.csv")
        #expect(atEnd.rows.map(\.fields) == [["1", ""]])
    }

    @Test func bomSemicolonsAndDecimalCommas() throws {
        let t = try CSVTable(text: "\u{FEFF}id; name ;x\n1;\"a;b\";51,5\n", file: "t.csv")
        #expect(t.header == ["id", "name", "x"])
        #expect(t.delimiter == ";" && t.delimiterChoice == nil)
        #expect(t.rows.map(\.fields) == [["1", "a;b", "51,5"]])
        #expect(t.plainNumber("51,5") == "51.5" && t.plainNumber("-7,25") == "-7.25" && t.plainNumber("+1,0") == "+1.0")
        for unchanged in ["51", "51.5", "51,", ",5", "1,2,3", "a,5", "5,a", " 5,5", "", "1,5\n"] where unchanged != "1,5\n" {
            #expect(t.plainNumber(unchanged) == unchanged, "\(unchanged)")
        }
        let comma = try CSVTable(text: "a,b\n1,2\n", file: "t.csv")
        #expect(comma.plainNumber("51,5") == "51,5")
    }

    @Test func errorsNameTheirLines() {
        let cases: [(String, Int, String)] = [
            ("a,b\n1,\"open\n\n", 2, "never closed"),
            ("a,b\n1,2\n\"x\"y,2\n", 3, "after"),
            ("a,b\n1,\"two\nlines\"x\n", 3, "after"),
            ("a,b\n1,x\"y\n", 2, "quote"),
            ("a,b\n\"1\n2\",3\n4\n", 4, "1"),
            ("a,a\n1,2\n", 1, "a"),
        ]
        for (text, line, words) in cases {
            guard case .error(let l, let d) = Self.outcome(text) else { Issue.record("\(text.debugDescription) was read"); continue }
            #expect(l == line, "\(text.debugDescription): \(d)")
            #expect(d.contains(words), "\(text.debugDescription): \(d)")
            #expect(Self.outcome(text) == FormerCSVReader.outcome(text), "\(text.debugDescription)")
        }
        // The whole text is cut before the field counts are checked: a quote error further down
        // wins over a short row above it, as before.
        guard case .error(let l, _) = Self.outcome("a,b\n1\n2,\"x\n") else { Issue.record("read"); return }
        #expect(l == 3)
        guard case .error = Self.outcome("\n\r\n") else { Issue.record("read"); return }
        #expect(Self.outcome("\n\r\n") == FormerCSVReader.outcome("\n\r\n"))
    }

    /// Random texts over the characters that matter (delimiters, quotes, line ends, a BOM,
    /// spaces, multi-byte letters): the same records, lines and errors as the former reader.
    @Test func thousandsOfRandomTextsReadAsTheFormerReaderReadThem() {
        let pieces = ["a", "b", "7", "ä", "€", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "\u{FEFF}", "\u{00A0}", ",\"x\",", "\"a,b\""]
        var seed: UInt64 = 0x5EED_2026_1202
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var differing = 0
        for _ in 0..<20_000 {
            let text = (0..<next(24)).map { _ in pieces[next(pieces.count)] }.joined()
            let ours = Self.outcome(text), former = FormerCSVReader.outcome(text)
            if ours != former {
                differing += 1
                if differing <= 5 { Issue.record("\(text.debugDescription): \(ours) but formerly \(former)") }
            }
        }
        #expect(differing == 0)
    }

    // MARK: - The school table read from bytes

    /// A school table read through the small fixture scenario.
    static func schools(_ csv: String) throws -> [School] {
        let dir = try temporaryFolder("allocate-csv-reading")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/schools.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["schools.file=\(path)"]).scenario.schools
    }

    static func schoolError(_ csv: String) -> ScenarioError? {
        do { _ = try schools(csv); return nil } catch { return error as? ScenarioError }
    }

    static let head = "schulnummer,name,schulform,stadtbezirk_geocoded,schueler_2024_25_gerundet,sozialindex_2025_26,lat,lon,lehrkraefte\n"

    @Test func schoolFieldsAreTrimmedAndReadAsBefore() throws {
        let s = try Self.schools(Self.head
            + " 100001 ,\" Alpha \"\"A\"\" \",Grundschule,Nord,\" 200\",7.0,51.5,7.4,14\n"
            + "\"100002\",\u{00A0}Beta\u{00A0},Förderschule,Nord,+300,ohne, 51.45 ,,007\n"
            + "100003,Gamma,Förderschule,Nord ,0120,,,,0\n"
            + "100004,Delta,Gymnasium, Süd,800,\" 9\",\"51.47\",7.50,60\n")
        #expect(s.map(\.id) == ["100001", "100002", "100003", "100004"])
        #expect(s.map(\.name) == ["Alpha \"A\"", "Beta", "Gamma", "Delta"])
        #expect(s.map(\.form) == ["Grundschule", "Förderschule", "Förderschule", "Gymnasium"])
        #expect(s.map(\.district) == ["Nord", "Nord", "Nord ", " Süd"])
        #expect(s.map(\.pupils) == [200, 300, 120, 800])
        #expect(s.map(\.socialIndex) == [7, nil, nil, 9])
        #expect(s.map(\.latitude) == [51.5, 51.45, nil, 51.47])
        #expect(s.map(\.longitude) == [7.4, nil, nil, 7.5])
        #expect(s.map(\.teachers) == [14, 7, 0, 60])
    }

    @Test func severalNameColumnsAreJoinedFromTheirParts() throws {
        let dir = try temporaryFolder("allocate-csv-reading")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/schools.csv"
        try ("nr;n1;n2;n3;schulform;ort;anzahl;index;lehrkraefte;lat;lon\n"
             + "1;Städt. Schule; Am Park ;;Grundschule;Nord;100;5;10;51,5;7,25\n"
             + "2;;\"Zwei \"\"Z\"\"\";\u{2003}Ost\u{2003};Grundschule;Nord;100;5;10;-1,0;+7\n"
             + "3;;;;Grundschule;Nord;100;5;10;;\n").write(toFile: path, atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: [
            "schools.file=\(path)",
            "schools.columns={id: nr, name: [n1, n2, n3], form: schulform, district: ort, pupils: anzahl, socialIndex: index, latitude: lat, longitude: lon}",
        ]).scenario.schools
        #expect(s.map(\.name) == ["Städt. Schule Am Park", "Zwei \"Z\" Ost", ""])
        #expect(s.map(\.latitude) == [51.5, -1, nil])
        #expect(s.map(\.longitude) == [7.25, 7, nil])
    }

    @Test func schoolErrorsAreTheFormerOnes() {
        let cases: [(String, Int, String, String)] = [
            ("100001,A,Grundschule,Nord,12x,5,,,1\n", 2, "schueler_2024_25_gerundet", "12x"),
            ("100001,A,Grundschule,Nord,2000000,5,,,1\n", 2, "schueler_2024_25_gerundet", "2000000"),
            ("100001,A,Grundschule,Nord,-5,5,,,1\n", 2, "schueler_2024_25_gerundet", "-5"),
            ("100001,A,Grundschule,Nord,100,0,,,1\n", 2, "sozialindex_2025_26", "0"),
            ("100001,A,Grundschule,Nord,100,x,,,1\n", 2, "sozialindex_2025_26", "x"),
            ("100001,A,Grundschule,Nord,100,10,,,1\n", 2, "sozialindex_2025_26", "10"),
            ("100001,A,Grundschule,Nord,100,5,91,,1\n", 2, "lat", "91"),
            ("100001,A,Grundschule,Nord,100,5,,,\n", 2, "lehrkraefte", "expected"),
            ("10-01,A,Grundschule,Nord,100,5,,,1\n", 2, "schulnummer", "10-01"),
            ("100001,A,Grundschule,Nord,100,5,,,1\n100001,B,Grundschule,Nord,100,5,,,1\n", 3, "schulnummer", "100001"),
        ]
        for (rows, line, key, words) in cases {
            let error = Self.schoolError(Self.head + rows)
            #expect(error?.line == line, "\(rows.debugDescription): \(String(describing: error))")
            #expect(error?.key == key, "\(rows.debugDescription): \(String(describing: error))")
            #expect(error?.description.contains(words) == true, "\(rows.debugDescription): \(String(describing: error))")
        }
    }
}

/// The CSV reader as it was before the byte-range reader (one String per field), kept as the
/// reference the random texts are read with.
enum FormerCSVReader {
    enum Outcome: Equatable, CustomStringConvertible {
        case table(header: [String], rows: [[String]], lines: [Int], delimiter: String, choice: String?)
        case error(line: Int?, description: String)
        var description: String {
            switch self {
            case .table(let h, let r, let l, let d, let c): return "table \(h) \(r) \(l) \(d) \(c ?? "-")"
            case .error(let l, let d): return "error at \(l.map(String.init) ?? "-"): \(d)"
            }
        }
    }

    static func outcome(_ rawText: String) -> Outcome {
        let file = "t.csv"
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        let (delimiter, choice) = CSVTable.detectDelimiter(text)
        do throws(ScenarioError) {
            var records = try records(text, file: file, separator: UInt8(delimiter.value))
            guard let first = records.first else { throw ScenarioError(file: file, .csv(.empty)) }
            let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            records.removeFirst()
            for r in records where r.fields.count != header.count {
                throw ScenarioError(file: file, line: r.line, .csv(.fieldCount(found: r.fields.count, header: header.count,
                                                                              delimiter: String(delimiter), choice: choice)))
            }
            var seen: Set<String> = []
            for h in header where !seen.insert(h).inserted {
                throw ScenarioError(file: file, line: first.line, .csv(.duplicateColumn(h)))
            }
            return .table(header: header, rows: records.map(\.fields), lines: records.map(\.line), delimiter: String(delimiter),
                          choice: choice.map { "\($0)" })
        } catch { return .error(line: error.line, description: error.description) }
    }

    static func records(_ text: String, file: String, separator: UInt8) throws(ScenarioError) -> [CSVTable.Row] {
        let b = Array(text.utf8)
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [CSVTable.Row] = []
        var fields: [String] = []
        var line = 1, i = 0, recordLine = 1
        let n = b.count
        var scratch: [UInt8] = []
        func endRecord(_ recordLine: Int) {
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVTable.Row(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < n {
            if b[i] == quote {
                scratch.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n && b[i + 1] == quote { scratch.append(quote); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    if c == lf { line += 1 }
                    scratch.append(c)
                    i += 1
                }
                if !closed { throw ScenarioError(file: file, line: recordLine, .csv(.quoteNeverClosed)) }
                fields.append(String(decoding: scratch, as: UTF8.self))
                if i < n, b[i] != separator, b[i] != lf, b[i] != cr {
                    throw ScenarioError(file: file, line: line, .csv(.textAfterQuote))
                }
            } else {
                let start = i
                while i < n {
                    let c = b[i]
                    if c == separator || c == lf || c == cr { break }
                    if c == quote { throw ScenarioError(file: file, line: line, .csv(.quoteInsideUnquotedField)) }
                    i += 1
                }
                fields.append(String(decoding: b[start..<i], as: UTF8.self))
            }
            if i == n { break }
            let c = b[i]
            i += 1
            if c == separator {
                if i == n { fields.append("") }
                continue
            }
            if c == cr && i < n && b[i] == lf { i += 1 }
            endRecord(recordLine)
            line += 1
            recordLine = line
        }
        if !fields.isEmpty { endRecord(recordLine) }
        return records
    }
}
