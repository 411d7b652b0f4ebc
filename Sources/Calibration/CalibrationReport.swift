import Foundation
import Allocation

/// The fit as JSON and as a what-if scenario file (its text for people: Reports, `CalibrationText`).
public enum CalibrationReport {
    static func pct(_ x: Double?) -> String {
        guard let x else { return "–" }
        return String(format: "%+.1f %%", x * 100)
    }
    static func plainPct(_ x: Double?) -> String {
        guard let x else { return "–" }
        return String(format: "%.1f %%", x * 100)
    }
    static func num(_ d: Decimal) -> String { "\(d)" }
    static func pupilKind(_ plan: Plan) -> Int { plan.kinds.firstIndex { $0.basis == .pupils } ?? 0 }

    static func bounds(_ p: CalibrationResult.ParameterFit) -> String {
        if case .withoutLevel = p.parameter { return "levels 1–9" }
        return "\(trim(p.bounds.lowerBound))–\(trim(p.bounds.upperBound))"
    }

    static func trim(_ x: Double) -> String {
        var s = String(format: "%.4f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    // MARK: JSON

    struct JSONDocument: Encodable {
        struct Group: Encodable {
            var kind: String, key: String, line: Int, observed: Int, before: Int, after: Int
            var absoluteError: Int, relativeError: Double?, relativeErrorBefore: Double?
            var leaveOneOut: Double?, leaveOneOutRelativeError: Double?
        }
        struct Parameter: Encodable { var key: String, before: String, after: String, lower: Double, upper: Double }
        struct Round: Encodable { var change: Double, mape: Double, pupilDevices: Int }
        var scenario: String, observed: String, countColumn: String, loss: String
        var groups: [Group]
        var mapeBefore: Double?, mapeAfter: Double?, mapeLeaveOneOut: Double?
        var spearmanBefore: Double?, spearmanAfter: Double?
        var pupilDevicesBefore: Int, pupilDevicesAfter: Int
        var parameters: [Parameter]
        var rounds: [Round]
        var converged: Bool, freeParameters: Int, observations: Int
        var notes: [String]
    }

    static func r4(_ x: Double?) -> Double? { x.map { ($0 * 10_000).rounded() / 10_000 } }

    public static func json(_ r: CalibrationResult) -> String {
        let doc = JSONDocument(
            scenario: r.scenario.name, observed: r.observations.file, countColumn: r.observations.countColumn, loss: r.spec.loss.rawValue,
            groups: r.groups.map { g in
                .init(kind: g.group.kind.rawValue, key: g.group.key, line: g.group.line, observed: g.group.observed, before: g.before,
                      after: g.after, absoluteError: g.absoluteError, relativeError: r4(g.relativeError),
                      relativeErrorBefore: r4(g.relativeErrorBefore), leaveOneOut: r4(g.leaveOneOut.map { ($0 * 10).rounded() / 10 }),
                      leaveOneOutRelativeError: r4(g.leaveOneOutRelativeError))
            },
            mapeBefore: r4(r.mapeBefore), mapeAfter: r4(r.mapeAfter), mapeLeaveOneOut: r4(r.mapeLeaveOneOut),
            spearmanBefore: r4(r.spearmanBefore), spearmanAfter: r4(r.spearmanAfter),
            pupilDevicesBefore: r.basePlan.totalDevices(kind: pupilKind(r.basePlan)), pupilDevicesAfter: r.plan.totalDevices(kind: pupilKind(r.plan)),
            parameters: r.parameters.map { .init(key: $0.parameter.key, before: "\($0.before)", after: "\($0.after)", lower: $0.bounds.lowerBound, upper: $0.bounds.upperBound) },
            rounds: r.iterations.map { .init(change: r4($0.change)!, mape: r4($0.mape)!, pupilDevices: $0.pupilDevices) },
            converged: r.converged, freeParameters: r.freeParameters, observations: r.groups.count, notes: r.notes.map(\.description))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(doc)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: what-if file

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func yamlKey(_ s: String) -> String {
        s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ? s : quoted(s)
    }

    /// A what-if file that extends the scenario and sets only the fitted values, each with a
    /// comment giving the fit. `extendsPath`: the scenario, relative to the file written.
    public static func whatIf(_ r: CalibrationResult, extendsPath: String) -> String {
        var out = "# Fitted by `allocate calibrate` on \(r.observations.file) (column \(r.observations.countColumn), \(r.groups.count) observed groups,\n"
        out += "# \(r.spec.loss.rawValue) L1 fit, \(r.iterations.count) fit → solve rounds\(r.converged ? "" : ", NOT settled")).\n"
        out += "# Mean absolute percentage error: before \(plainPct(r.mapeBefore)), after \(plainPct(r.mapeAfter)), leave-one-out \(plainPct(r.mapeLeaveOneOut)).\n"
        for g in r.groups {
            out += "#   \(g.group.label): observed \(g.group.observed), before \(g.before), after \(g.after) (\(pct(g.relativeError)))\n"
        }
        for n in r.notes { out += "# Note: \(n)\n" }
        out += "extends: \(quoted(extendsPath))\n"
        out += "name: \(quoted(r.scenario.name + " (kalibriert)"))\n"
        out += "need:\n"
        let shares = r.parameters.filter { if case .share = $0.parameter { return true } else { return false } }
        if !shares.isEmpty {
            out += "  pupilShareByLevel:\n"
            for p in shares {
                guard case .share(let l) = p.parameter else { continue }
                out += "    \(l): \(num(p.after))".padding(toLength: 16, withPad: " ", startingAt: 0) + "  # fitted (was \(num(p.before))), bounds \(bounds(p))\n"
            }
        }
        let factors = r.parameters.filter { if case .formFactor = $0.parameter { return true } else { return false } }
        if !factors.isEmpty {
            out += "  formFactor:\n"
            for p in factors {
                guard case .formFactor(let f) = p.parameter else { continue }
                out += "    \(yamlKey(f)): \(num(p.after))  # fitted (was \(num(p.before))), bounds \(bounds(p))\n"
            }
        }
        let levels = r.parameters.filter { if case .withoutLevel = $0.parameter { return true } else { return false } }
        if !levels.isEmpty {
            out += "  withoutLevel:\n"
            for p in levels {
                guard case .withoutLevel(let f) = p.parameter else { continue }
                out += "    \(yamlKey(f)): \(num(p.after))  # fitted (was \(num(p.before))), levels 1–9 tried\n"
            }
        }
        return out
    }

    /// `target` relative to the folder of `file` ("../dortmund-2020.yaml").
    public static func relativePath(of target: String, from file: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> [String] {
            let full = p.hasPrefix("/") ? p : cwd + "/" + p
            var parts: [String] = []
            for c in full.split(separator: "/") {
                if c == "." { continue }
                if c == "..", !parts.isEmpty { parts.removeLast(); continue }
                parts.append(String(c))
            }
            return parts
        }
        let t = absolute(target), from = Array(absolute(file).dropLast())
        var common = 0
        while common < min(t.count - 1, from.count) && t[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + t[common...]).joined(separator: "/")
    }
}
