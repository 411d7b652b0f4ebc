import Foundation
import Allocation

/// The fit as JSON, and the what-if file's path to its scenario (the fit's text for people and
/// the what-if file itself, in German or English: Reports, `CalibrationText`).
public enum CalibrationReport {
    static func pupilKind(_ plan: Plan) -> Int { plan.kinds.firstIndex { $0.basis == .pupils } ?? 0 }

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
