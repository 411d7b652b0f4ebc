import Foundation
import Allocation

/// The multi-year plan's charts (inline SVG, German labels by default, de-DE numbers): the
/// money spent per year stacked by pool, investment and operating cost apart, and the devices
/// in service against the need per year, one panel per device kind. Both read the one
/// `YearsFigures`, as the tables beside them do; every label stays inside its chart's viewBox
/// (Tests/scripts/report-print-check.sh checks so at A4 width).
enum YearsCharts {
    /// Pool colours (solid: investment) and their light tints (under the hatching: operating cost).
    static let palette: [(solid: String, light: String)] = [
        ("#1f5f99", "#c6d8ea"), ("#c77c12", "#f3dfc2"), ("#2e7d4f", "#c9e4d3"), ("#7d3c98", "#e2d0ea"),
        ("#a93226", "#efcdc9"), ("#4d5b69", "#d5dbe0"),
    ]
    static let width = 700.0

    /// The unit of a money axis whose largest value is `maximum` euros: its divisor and its title.
    static func moneyUnit(_ maximum: Double, _ w: Words) -> (divisor: Double, title: String) {
        maximum >= 1_000_000 ? (1_000_000, w.euroMillions) : maximum >= 1_000 ? (1_000, w.euroThousands) : (1, "€")
    }

    /// The top of an axis from 0 to at least `maximum`, and its ticks.
    static func axis(_ maximum: Double) -> (top: Double, ticks: [Double]) {
        let top = maximum > 0 ? SweepReport.niceCeiling(maximum) : 1
        return (top, SweepReport.ticks(0, top))
    }

    // MARK: Money

    /// Stacked bars: per year the money spent, one stack per pool in the scenario's order,
    /// each pool's investment solid and its operating cost hatched in the pool's colour; the
    /// sum above the bar; the axis in Mio. € (or Tsd. €) with de-DE numbers.
    static func money(_ f: YearsFigures, _ w: Words) -> String {
        let fmt = NumberStyle(w.language, nonBreaking: true)
        let years = Array(f.years)
        let pools = orderedPools(f)
        let totals = years.map { y in f.ledger(year: y).reduce(0) { $0 + $1.investment.cents + $1.operating.cents } }
        let maximum = Double(totals.max() ?? 0) / 100
        let unit = moneyUnit(maximum, w)
        let (top, ticks) = axis(maximum / unit.divisor)
        let left = 64.0, right = width - 12, plotTop = 30.0, plotH = 200.0, base = plotTop + plotH
        let slot = (right - left) / Double(max(1, years.count)), barW = min(64, slot * 0.6)
        // The legend: one entry per pool and cost kind that has money in some year.
        var entries: [(label: String, fill: String)] = []
        for (p, pool) in pools.enumerated() {
            let rows = f.ledger.filter { $0.pool == pool }
            let name = f.poolNames[pool] ?? pool
            if rows.contains(where: { $0.investment > .zero }) { entries.append(("\(name): \(w.investment)", colour(p).solid)) }
            if rows.contains(where: { $0.operating > .zero }) { entries.append(("\(name): \(w.operatingCost)", "url(#years-op-\(p))")) }
        }
        let legend = legendRows(entries.map { ($0.label, $0.fill) }, top: base + 34)
        let height = legend.bottom + 6
        var s = "<svg class=\"chart years-money\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(esc(w.yearsMoneyChart))\">\n<defs>"
        for p in pools.indices {
            let c = colour(p)
            s += "<pattern id=\"years-op-\(p)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"\(c.light)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(c.solid)\" stroke-width=\"2.5\"/></pattern>"
        }
        s += "</defs>\n"
        s += "<text x=\"\(n(left - 8))\" y=\"\(n(plotTop - 14))\" text-anchor=\"end\" class=\"small\">\(esc(unit.title))</text>\n"
        s += gridlines(ticks, top: top, left: left, right: right, plotTop: plotTop, plotH: plotH) {
            fmt.trimmed($0, digits: 2)
        }
        for (i, y) in years.enumerated() {
            let x = left + slot * (Double(i) + 0.5) - barW / 2
            var h = base
            for (p, pool) in pools.enumerated() {
                guard let row = f.ledger(year: y).first(where: { $0.pool == pool }) else { continue }
                let name = f.poolNames[pool] ?? pool
                for (amount, fill, kind) in [(row.investment, colour(p).solid, w.investment), (row.operating, "url(#years-op-\(p))", w.operatingCost)]
                    where amount > .zero {
                    let hh = plotH * Double(amount.cents) / 100 / unit.divisor / top
                    h -= hh
                    s += "<rect x=\"\(n(x))\" y=\"\(n(h))\" width=\"\(n(barW))\" height=\"\(n(hh))\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"0.5\">"
                        + "<title>\(esc("\(y), \(name), \(kind): \(fmt.money(amount, cents: false))"))</title></rect>\n"
                }
            }
            if slot >= 44 {
                s += "<text x=\"\(n(x + barW / 2))\" y=\"\(n(h - 4))\" text-anchor=\"middle\" class=\"small\">\(esc(fmt.number(Double(totals[i]) / 100 / unit.divisor, digits: unit.divisor > 1 ? 2 : 0)))</text>\n"
            }
            s += "<text x=\"\(n(x + barW / 2))\" y=\"\(n(base + 16))\" text-anchor=\"middle\">\(y)</text>\n"
        }
        return s + legend.svg + "</svg>\n"
    }

    /// The pools in the ledger's order (the scenario's), each once.
    static func orderedPools(_ f: YearsFigures) -> [String] {
        var seen = Set<String>()
        return f.ledger.map(\.pool).filter { seen.insert($0).inserted }
    }

    static func colour(_ i: Int) -> (solid: String, light: String) { palette[i % palette.count] }

    // MARK: Devices

    /// One panel per device kind (two side by side): bars of the devices in service per year,
    /// the need as a red mark across each bar; the axis in devices.
    static func devices(_ f: YearsFigures, _ w: Words) -> String {
        let fmt = NumberStyle(w.language, nonBreaking: true)
        let kinds = orderedKinds(f), years = Array(f.years)
        let columns = kinds.count > 1 ? 2 : 1
        let panelW = width / Double(columns), panelH = 250.0
        let rows = (kinds.count + columns - 1) / columns
        let legend = legendRows([(w.inService, "#4a7ab5"), (w.needMark, "need")], top: Double(rows) * panelH + 8)
        var s = "<svg class=\"chart years-devices\" viewBox=\"0 0 \(n(width)) \(n(legend.bottom + 6))\" role=\"img\" aria-label=\"\(esc(w.yearsDevicesChart))\">\n"
        for (k, kind) in kinds.enumerated() {
            let ox = Double(k % columns) * panelW, oy = Double(k / columns) * panelH
            let these = years.map { y in f.kindYears.first { $0.kind == kind && $0.year == y } }
            let maximum = Double(these.map { max($0?.inService ?? 0, $0?.need ?? 0) }.max() ?? 0)
            let (top, ticks) = axis(maximum)
            let left = ox + 58, right = ox + panelW - 14, plotTop = oy + 44, plotH = 160.0, base = plotTop + plotH
            let title = HTMLReport.wrap(f.kindLabels[kind] ?? kind, Int((panelW - 20) / 7), lines: 2)
            s += HTMLReport.textLines(ox + panelW / 2, oy + 14, title, 13, anchor: "middle", cls: "panel") + "\n"
            s += "<text x=\"\(n(left - 8))\" y=\"\(n(plotTop - 10))\" text-anchor=\"end\" class=\"small\">\(esc(w.devicesAxis))</text>\n"
            s += gridlines(ticks, top: top, left: left, right: right, plotTop: plotTop, plotH: plotH) { fmt.int(Int($0.rounded())) }
            let slot = (right - left) / Double(max(1, years.count)), barW = min(44, slot * 0.72)
            for (i, y) in years.enumerated() {
                guard let ky = these[i] else { continue }
                let cx = left + slot * (Double(i) + 0.5), x = cx - barW / 2
                let h = plotH * Double(ky.inService) / top, ny = base - plotH * Double(ky.need) / top
                s += "<rect x=\"\(n(x))\" y=\"\(n(base - h))\" width=\"\(n(barW))\" height=\"\(n(h))\" fill=\"#4a7ab5\">"
                    + "<title>\(esc("\(y): \(w.inService) \(fmt.int(ky.inService)), \(w.needMark) \(fmt.int(ky.need))"))</title></rect>\n"
                s += "<line x1=\"\(n(cx - barW / 2 - 5))\" x2=\"\(n(cx + barW / 2 + 5))\" y1=\"\(n(ny))\" y2=\"\(n(ny))\" stroke=\"#c0392b\" stroke-width=\"2.5\"/>\n"
                // The count in service: inside the bar's top where it fits, else above the bar.
                if slot >= 46 {
                    let label = fmt.int(ky.inService), inside = h >= 18 && Double(label.count) * 6 + 4 <= barW
                    s += "<text x=\"\(n(cx))\" y=\"\(n(inside ? base - h + 13 : base - h - 4))\" text-anchor=\"middle\" class=\"small\"\(inside ? " style=\"fill:#fff\"" : "")>\(esc(label))</text>\n"
                }
                s += "<text x=\"\(n(cx))\" y=\"\(n(base + 15))\" text-anchor=\"middle\">\(y)</text>\n"
            }
        }
        return s + legend.svg + "</svg>\n"
    }

    /// The kinds in the figures' order (the scenario's), each once.
    static func orderedKinds(_ f: YearsFigures) -> [String] {
        var seen = Set<String>()
        return f.kindYears.map(\.kind).filter { seen.insert($0).inserted }
    }

    // MARK: Parts

    /// Horizontal grid lines with their values left of the plot.
    static func gridlines(_ ticks: [Double], top: Double, left: Double, right: Double, plotTop: Double, plotH: Double,
                          label: (Double) -> String) -> String {
        var s = ""
        for t in ticks {
            let y = plotTop + plotH - plotH * t / top
            s += "<line x1=\"\(n(left))\" x2=\"\(n(right))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"\(t == 0 ? "#555" : "#ddd")\"/>"
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\" class=\"small\">\(esc(label(t)))</text>\n"
        }
        return s
    }

    /// Legend entries in two columns from `top` down; "need" draws the red need mark, any
    /// other fill a swatch. Long labels wrap; none is cut.
    static func legendRows(_ entries: [(label: String, fill: String)], top: Double) -> (svg: String, bottom: Double) {
        var s = "", y = top, column = 0, rowLines = 1
        let columnW = width / 2, lineH = 13.0
        for e in entries {
            let x = 8 + Double(column) * columnW
            let lines = HTMLReport.wrap(e.label, Int((columnW - 40) / 5.8), lines: 3)
            if e.fill == "need" {
                s += "<line x1=\"\(n(x))\" x2=\"\(n(x + 16))\" y1=\"\(n(y + 6))\" y2=\"\(n(y + 6))\" stroke=\"#c0392b\" stroke-width=\"2.5\"/>"
            } else {
                s += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"16\" height=\"12\" fill=\"\(e.fill)\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            }
            s += HTMLReport.textLines(x + 22, y + 10, lines, lineH, anchor: "start", cls: "small") + "\n"
            rowLines = max(rowLines, lines.count)
            column += 1
            if column == 2 { column = 0; y += Double(rowLines) * lineH + 6; rowLines = 1 }
        }
        if column != 0 { y += Double(rowLines) * lineH + 6 }
        return (s, y)
    }

    static func n(_ v: Double) -> String { HTMLReport.n(v) }
    static func esc(_ s: String) -> String { Markup.escape(s) }
}
