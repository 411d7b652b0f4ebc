import Foundation
import Testing
import Allocation
@testable import Reports
import Scheduling
import TestSupport

/// Every school's name in the roll-out Gantt chart is there in full (issue #15: "no cut-off
/// labels"): one label per school shown, its lines joined give the name, nothing cut with "…"
/// and no label squeezed to fit — in the standalone chart and in the report's page-sized parts.
@Suite(.serialized) struct GanttLabelTests {
    static let plan: Result<RolloutPlan, Error> = Result {
        try rollout(path: Paths.defaultScenario, ["solver.timeLimitSeconds=300"])
    }

    /// The school labels of an SVG (the texts at x = 14), each label's lines joined with a space.
    static func schoolLabels(_ svg: String) -> [String] {
        var out: [String] = []
        var rest = Substring(svg)
        while let open = rest.range(of: "<text "), let gt = rest[open.upperBound...].range(of: ">"),
              let close = rest[gt.upperBound...].range(of: "</text>") {
            defer { rest = rest[close.upperBound...] }
            guard rest[open.upperBound..<gt.lowerBound].contains(" x=\"14\"") || rest[open.upperBound..<gt.lowerBound].hasPrefix("x=\"14\"") else { continue }
            var body = rest[gt.upperBound..<close.lowerBound], lines: [String] = []
            while let s = body.range(of: "<tspan"), let g = body[s.upperBound...].range(of: ">"), let e = body[g.upperBound...].range(of: "</tspan>") {
                lines.append(String(body[g.upperBound..<e.lowerBound]))
                body = body[e.upperBound...]
            }
            if lines.isEmpty { lines = [String(body)] }
            out.append(lines.joined(separator: " ")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&"))
        }
        return out
    }

    @Test(arguments: [ReportLanguage.de, .en])
    func everySchoolNameIsShownInFull(_ language: ReportLanguage) throws {
        let r = try Self.plan.get()
        // The names as written (a label's lines are joined with one space).
        let shown = Set(r.rows.filter { $0.imagedIn != nil || $0.total > 0 }
            .map { r.plan.schools[$0.index].school.name.split(separator: " ").joined(separator: " ") })
        #expect(shown.count > 100)
        #expect(shown.contains { $0.count > 80 })   // the long names are among them
        let svg = GanttChart.svg(r, language: language)
        let parts = GanttChart.parts(r, Words(language: language)).joined()
        for chart in [svg, parts] {
            let labels = Self.schoolLabels(chart)
            #expect(labels.count == shown.count)
            let missing = shown.subtracting(labels).sorted()
            #expect(missing.isEmpty, "\(missing.count) names not in full, e.g. \(missing.prefix(3))")
            #expect(!labels.contains { $0.contains("…") }, "\(labels.filter { $0.contains("…") }.prefix(3))")
            #expect(chart.components(separatedBy: "lengthAdjust").count == 1)   // one font size: no label narrowed
        }
        // Each part stays within a page's height (64 one-line rows and the column heads).
        for part in GanttChart.parts(r, Words(language: language)).dropFirst() {
            let h = try #require(part.firstMatch(of: /height="(\d+)"/).flatMap { Int($0.1) })
            #expect(h <= Int(GanttChart.headerH + 64 * GanttChart.rowH + 6 + 1))
        }
    }
}
