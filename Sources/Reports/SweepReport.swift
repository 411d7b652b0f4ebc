import Foundation
import Allocation
import WhatIf
import LinearProgramming

/// A sweep as CSV (one row per point) and as an SVG chart: a line of pupils covered against
/// one parameter, with the point where more stops helping marked; a heat map for two. Chart
/// and CSV header in a language (the terminal's: English by default); parameters by their
/// labels ("Sofortausstattung: Budget (Mio. €)"), key paths only in the English CSV.
public enum SweepReport {
    public static func csv(_ r: SweepResult, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let w = Words(language: language), h = w.csvSweep
        var header = r.axes.map { language == .de ? parameter($0.keyPath, r, w).text : $0.keyPath } + h.head
        header += (language == .de ? r.poolNames : r.poolIDs).map(h.spent) + h.tail
        var rows: [[CSVDialect.Cell]] = [header.map { .text($0) }]
        for p in r.points {
            var row: [CSVDialect.Cell] = p.values.map { .number("\($0)") }
            if let s = p.summary {
                row += [.text(language == .de ? w.termination(TerminationStatus(rawValue: s.status) ?? .feasible) : s.status), .number(String(s.pupilDevices)), .number(String(s.pupilNeed)),
                        .number(Share(s.pupilDevices, of: s.pupilNeed)?.exactText ?? ""),
                        .number(String(s.teacherDevices))]
                row += s.poolSpent.map { .number($0.plain) } + [.number(s.ownMoney.plain), .number(s.totalSpent.plain),
                                                                .number(s.guaranteedCoverage.map { Share($0).exactText } ?? ""),
                                                                .number(s.smallestPupilShare.map { Share($0).exactText } ?? ""),
                                                                .number(s.smallestTeacherShare.map { Share($0).exactText } ?? ""),
                                                                .number(String(s.gapDevices)), .text("")]
            } else {
                row += [.text(w.infeasible)] + Array(repeating: .text(""), count: 4 + r.poolIDs.count + 6) + [.text(p.infeasibility.map { ErrorWords.text(AllocationError.infeasible($0), language) } ?? "")]
            }
            rows.append(row)
        }
        return dialect.render(rows)
    }

    /// Index of the first point of the final plateau: from there on, moving the parameter
    /// further covers no more pupils. nil if the last two feasible points differ.
    public static func plateauStart(_ r: SweepResult) -> Int? {
        guard r.axes.count == 1 else { return nil }
        let feasible = r.points.indices.filter { r.points[$0].summary != nil }
        guard let last = feasible.last, feasible.count >= 2 else { return nil }
        let final = r.points[last].summary!.pupilDevices
        var start = last
        for i in feasible.reversed() {
            if r.points[i].summary!.pupilDevices == final { start = i } else { break }
        }
        return start < last ? start : nil
    }

    /// For a sweep of one pool's budget: the exact budget from which more covers no more
    /// pupils, as `explain` knows it — what that pool spends on the plateau (the smallest over
    /// its points; with that budget the plateau's plan is still affordable). nil otherwise.
    public static func plateauThreshold(_ r: SweepResult) -> Money? {
        guard let start = plateauStart(r) else { return nil }
        let parts = r.axes[0].keyPath.split(separator: ".").map(String.init)
        guard parts.count == 3, parts[0] == "pools", parts[2] == "budget", let p = r.poolIDs.firstIndex(of: parts[1]) else { return nil }
        return r.points[start...].compactMap { $0.summary?.poolSpent[p] }.min()
    }

    /// The plateau in words: the grid point and, where known, the exact threshold.
    public static func plateauText(_ r: SweepResult, language: ReportLanguage = .en) -> String? {
        guard let i = plateauStart(r) else { return nil }
        let w = Words(language: language)
        let name = language == .de ? parameter(r.axes[0].keyPath, r, w).text : r.axes[0].keyPath
        let value = language == .de ? parameter(r.axes[0].keyPath, r, w).valueText(NSDecimalNumber(decimal: r.points[i].values[0]).doubleValue, w)
                                    : "\(r.points[i].values[0])"
        return w.plateauText(name, value, exact: plateauThreshold(r).map { w.f.money($0) })
    }

    public static func svg(_ r: SweepResult, language: ReportLanguage = .en) -> String {
        let w = Words(language: language)
        return r.axes.count == 1 ? lineChart(r, w) : heatMap(r, w)
    }

    /// A key path's label and unit, pools by their names, device kinds by their labels in the
    /// language ("Leihgerät für Schülerinnen und Schüler: Stückpreis", "Pupil devices: unit price").
    static func parameter(_ keyPath: String, _ r: SweepResult, _ w: Words) -> ParameterLabel {
        ParameterLabel(keyPath, w, poolNames: Dictionary(zip(r.poolIDs, r.poolNames), uniquingKeysWith: { a, _ in a }),
                       kindLabels: Dictionary(r.kinds.map { ($0.id, w.kindLabel($0)) }, uniquingKeysWith: { a, _ in a }))
    }

    // MARK: - one parameter

    static let width = 760.0, height = 440.0
    static let left = 90.0, right = 30.0, top = 60.0, bottom = 70.0

    static func lineChart(_ r: SweepResult, _ w: Words) -> String {
        let f = NumberStyle(w.language, nonBreaking: true), p = parameter(r.axes[0].keyPath, r, w)
        let xs = r.axes[0].values.map { NSDecimalNumber(decimal: $0).doubleValue }
        let sums = r.points.map(\.summary)
        let need = sums.compactMap { $0?.pupilNeed }.max() ?? 0
        let yMax = niceCeiling(Double(max(need, sums.compactMap { $0?.pupilDevices }.max() ?? 1, 1)))
        let (xMin, xMax) = (xs.min()!, xs.max()!)
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { xMax > xMin ? left + (x - xMin) / (xMax - xMin) * plotW : left + plotW / 2 }
        func py(_ y: Double) -> Double { top + plotH - y / yMax * plotH }

        let xTop = max(abs(xMin), abs(xMax))
        var out = svgHeader(title: r.scenarioName, subtitle: w.sweepSubtitle(p.text))
        out += axes(plotW: plotW, plotH: plotH)
        for t in ticks(xMin, xMax) {
            out += "<line x1=\"\(fmt(px(t)))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(px(t)))\" y2=\"\(fmt(top + plotH + 5))\" stroke=\"#333\"/>"
            out += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(top + plotH + 20))\" text-anchor=\"middle\">\(esc(p.tick(t, w, maximum: xTop)))</text>\n"
        }
        for t in ticks(0, yMax) {
            out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(t)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(t)))\" stroke=\"#e3e3e3\"/>"
            out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(py(t) + 4))\" text-anchor=\"end\">\(esc(f.trimmed(t, digits: 0)))</text>\n"
        }
        out += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(height - 20))\" text-anchor=\"middle\">\(esc(p.axisTitle(w, maximum: xTop)))</text>\n"
        out += "<text transform=\"translate(22 \(fmt(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(w.pupilsCoveredAxis))</text>\n"
        if need > 0 {
            out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(Double(need))))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(Double(need))))\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(fmt(left + plotW - 4))\" y=\"\(fmt(py(Double(need)) - 6))\" text-anchor=\"end\" fill=\"#555\">\(esc(w.needLine(f.int(need))))</text>\n"
        }
        let points = xs.indices.compactMap { i in sums[i].map { (px(xs[i]), py(Double($0.pupilDevices))) } }
        out += "<polyline fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2.5\" points=\"\(points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))\"/>\n"
        if points.count <= 60 {
            for p in points { out += "<circle cx=\"\(fmt(p.0))\" cy=\"\(fmt(p.1))\" r=\"3\" fill=\"#1f6fb2\"/>" }
            out += "\n"
        }
        for i in xs.indices where sums[i] == nil {
            out += "<text x=\"\(fmt(px(xs[i])))\" y=\"\(fmt(top + plotH - 4))\" text-anchor=\"middle\" fill=\"#c0392b\" font-weight=\"bold\">×</text>"
        }
        if let i = plateauStart(r), let s = sums[i] {
            let x = px(xs[i]), y = py(Double(s.pupilDevices))
            out += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(top + plotH))\" stroke=\"#d35400\" stroke-dasharray=\"4 3\"/>"
            out += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"6\" fill=\"none\" stroke=\"#d35400\" stroke-width=\"2\"/>"
            let anchor = x > left + plotW * 0.6 ? "end" : "start"
            let lines = w.plateauLabel(p.valueText(xs[i], w), exact: plateauThreshold(r).map { f.money($0) }, pupils: f.int(s.pupilDevices))
            let lx = x + (anchor == "end" ? -8 : 8)
            out += "<text x=\"\(fmt(lx))\" y=\"\(fmt(top + 16))\" text-anchor=\"\(anchor)\" fill=\"#d35400\">"
                + lines.enumerated().map { "<tspan x=\"\(fmt(lx))\"\($0.offset == 0 ? "" : " dy=\"15\"")>\(esc($0.element))</tspan>" }.joined() + "</text>\n"
        }
        if sums.contains(where: { $0 == nil }) {
            out += "<text x=\"\(fmt(left))\" y=\"\(fmt(height - 4))\" fill=\"#c0392b\">\(esc(w.cannotHoldNote))</text>\n"
        }
        return out + "</svg>\n"
    }

    // MARK: - two parameters

    static func heatMap(_ r: SweepResult, _ w: Words) -> String {
        let f = NumberStyle(w.language, nonBreaking: true)
        let pa = parameter(r.axes[0].keyPath, r, w), pb = parameter(r.axes[1].keyPath, r, w)
        let aTop = r.axes[0].values.map { abs(NSDecimalNumber(decimal: $0).doubleValue) }.max() ?? 0
        let bTop = r.axes[1].values.map { abs(NSDecimalNumber(decimal: $0).doubleValue) }.max() ?? 0
        let a = r.axes[0].values, b = r.axes[1].values
        let plotW = width - left - right - 90, plotH = height - top - bottom
        let cw = plotW / Double(b.count), ch = plotH / Double(a.count)
        var out = svgHeader(title: r.scenarioName, subtitle: w.sweepHeatSubtitle(pb.text, pa.text))
        for (i, p) in r.points.enumerated() {
            let row = i / b.count, col = i % b.count
            let x = left + Double(col) * cw, y = top + Double(row) * ch
            let fill: String
            var title = "\(pa.text) = \(pa.valueText(NSDecimalNumber(decimal: a[row]).doubleValue, w)), \(pb.text) = \(pb.valueText(NSDecimalNumber(decimal: b[col]).doubleValue, w)): "
            if let s = p.summary, s.pupilNeed > 0 {
                let c = Double(s.pupilDevices) / Double(s.pupilNeed)
                fill = ramp(c)
                title += w.pupilsShare(f.int(s.pupilDevices), f.share(Share(s.pupilDevices, of: s.pupilNeed)))
            } else {
                fill = "#bbbbbb"
                title += w.cannotHold
            }
            out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cw + 0.3))\" height=\"\(fmt(ch + 0.3))\" fill=\"\(fill)\"><title>\(esc(title))</title></rect>"
        }
        out += "\n"
        for (col, v) in b.enumerated() where b.count <= 12 || col % max(1, b.count / 8) == 0 {
            out += "<text x=\"\(fmt(left + (Double(col) + 0.5) * cw))\" y=\"\(fmt(top + plotH + 18))\" text-anchor=\"middle\">\(esc(pb.tick(NSDecimalNumber(decimal: v).doubleValue, w, maximum: bTop)))</text>"
        }
        for (row, v) in a.enumerated() where a.count <= 12 || row % max(1, a.count / 8) == 0 {
            out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(top + (Double(row) + 0.5) * ch + 4))\" text-anchor=\"end\">\(esc(pa.tick(NSDecimalNumber(decimal: v).doubleValue, w, maximum: aTop)))</text>"
        }
        out += "\n<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(height - 20))\" text-anchor=\"middle\">\(esc(pb.axisTitle(w, maximum: bTop)))</text>\n"
        out += "<text transform=\"translate(18 \(fmt(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(esc(pa.axisTitle(w, maximum: aTop)))</text>\n"
        let lx = left + plotW + 30
        for k in 0...10 {
            let c = Double(10 - k) / 10
            out += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(top + Double(k) * plotH / 11))\" width=\"18\" height=\"\(fmt(plotH / 11 + 0.3))\" fill=\"\(ramp(c))\"/>"
            if k % 2 == 0 { out += "<text x=\"\(fmt(lx + 24))\" y=\"\(fmt(top + (Double(k) + 0.6) * plotH / 11))\">\(esc(f.percent(c, digits: 0)))</text>" }
        }
        return out + "\n</svg>\n"
    }

    // MARK: - helpers

    static func svgHeader(title: String, subtitle: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"\(fmt(left))\" y=\"24\" font-size=\"14\" font-weight=\"bold\">\(esc(title))</text>\n"
            + "<text x=\"\(fmt(left))\" y=\"44\" fill=\"#555\">\(esc(subtitle))</text>\n"
    }

    static func axes(plotW: Double, plotH: Double) -> String {
        "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333\"/>"
            + "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333\"/>\n"
    }

    /// White (0 %) through light blue to dark blue (100 %).
    static func ramp(_ c: Double) -> String {
        let t = min(1, max(0, c))
        let r = Int(247 - t * (247 - 8)), g = Int(251 - t * (251 - 48)), b = Int(255 - t * (255 - 107))
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / 5
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + step * 1e-9 { out.append(t); t += step }
        return out
    }

    static func niceCeiling(_ v: Double) -> Double {
        let mag = pow(10, floor(log10(v)))
        return ([1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map { $0 * mag }.first { $0 >= v }) ?? v
    }

    static func fmt(_ v: Double) -> String { fixed(v, 1) }

    static func esc(_ s: String) -> String { Markup.escape(s) }
}
