import Allocation
import Foundation

/// A Germany-scale school table for scale tests, made from the NRW list by a documented,
/// seeded rule: the NRW authorities are repeated (copy c gets keys "c" + key and school numbers
/// c·10^6 + number), each school's pupils are scaled by a factor from 0.8 to 1.2 (rounded to 5),
/// its social-index level moves by one up or down with probability 0.1 each, and its position
/// by up to ±0.05°. Whole authorities are taken in order until `schools` is reached. The
/// pseudo-random numbers come from SplitMix64 with the given seed, so the same seed gives the
/// same bytes.
public enum SyntheticSchools {
    public static func csv(from nrw: CSVTable, schools target: Int, seed: UInt64) throws(ScenarioError) -> String {
        let need = ["Schulnummer", "Amtlicher Gemeindeschlüssel", "Anzahl", "Sozialindex", "latitude", "longitude"]
        var c: [String: Int] = [:]
        for name in need { c[name] = try nrw.requireColumn(name, why: .generatorCopies) }
        let byAuthority = Dictionary(grouping: nrw.rows, by: { $0.fields[c["Amtlicher Gemeindeschlüssel"]!] })
        let authorities = byAuthority.keys.sorted()
        var rng = SplitMix64(seed: seed)
        var lines = [nrw.header.map { CSVField.quoted($0, separator: ",") }.joined(separator: ",")]
        var count = 0, copy = 0
        while count < target {
            for a in authorities where count < target {
                for row in byAuthority[a]! {
                    var f = row.fields
                    f[c["Amtlicher Gemeindeschlüssel"]!] = "\(copy)\(a)"
                    f[c["Schulnummer"]!] = String(copy * 1_000_000 + (Int(f[c["Schulnummer"]!]) ?? count))
                    if let pupils = Int(f[c["Anzahl"]!]) {
                        let factor = 0.8 + 0.4 * rng.unit()
                        f[c["Anzahl"]!] = String(Int((Double(pupils) * factor / 5).rounded()) * 5)
                    }
                    let u = rng.unit()
                    if let level = Double(f[c["Sozialindex"]!]).map(Int.init) {
                        let moved = u < 0.1 ? level - 1 : u > 0.9 ? level + 1 : level
                        f[c["Sozialindex"]!] = String(min(9, max(1, moved)))
                    }
                    for key in ["latitude", "longitude"] {
                        if let v = Double(f[c[key]!]) { f[c[key]!] = String(format: "%.6f", locale: Locale(identifier: "en_US_POSIX"), v + (rng.unit() - 0.5) * 0.1) }
                    }
                    lines.append(f.map { CSVField.quoted($0, separator: ",") }.joined(separator: ","))
                    count += 1
                }
            }
            copy += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CSVTable {
    /// Reads a CSV file (for tools that work on tables directly).
    public static func read(_ path: String) throws(ScenarioError) -> CSVTable {
        let (text, record) = try readFile(path, shownAs: path)
        var t = try CSVTable(text: text, file: path)
        t.source = record
        return t
    }
}
