import Foundation
import Allocation
import Scheduling

/// The roll-out as a Gantt chart, in a language: an overview (devices arrived and handed out,
/// deadlines, legend), then the schools grouped by district, each district's schools in the
/// order they are served (rows) by period (columns). A cell's colour is the devices handed out
/// there, grey while the image is ready but devices wait, pale green once all are out.
///
/// `svg` is one standalone file (`schedule --out`); `parts` cuts the same chart into SVGs of
/// at most a page each for the council report, so that the text stays readable on paper.
public enum GanttChart {
    static let width = 760.0, left = 300.0, right = 12.0, rowH = 14.0, headerH = 58.0
    /// A school's name is written in full, one font size, on as many lines of at most
    /// `nameChars` characters as it needs (`lineH` apart); its row grows with it.
    static let nameChars = 40, lineH = 11.0

    static func nameLines(_ name: String) -> [String] { HTMLReport.wrap(name, nameChars, lines: 8) }

    /// An item's row height in the grid.
    static func height(_ item: Item, _ r: RolloutPlan) -> Double {
        guard case let .school(row) = item else { return rowH }
        return rowH + Double(nameLines(r.plan.schools[row.index].school.name).count - 1) * lineH
    }

    enum Item {
        case district(String, schools: Int, continued: Bool)
        case school(RolloutPlan.SchoolRow)
    }

    /// The whole chart as one SVG file.
    public static func svg(_ r: RolloutPlan, language: ReportLanguage = .en) -> String {
        let w = Words(language: language)
        let overview = self.overview(r, w)
        let grid = self.grid(r, items(r, w), w, top: overview.height)
        let height = overview.height + grid.height + 10
        return open(height) + overview.body + grid.body + "</svg>\n"
    }

    /// The overview and the grid in parts of at most `rowsPerPart` one-line rows' height
    /// (a school whose name takes two lines counts for its height), each a complete SVG
    /// element (no XML prolog) for the HTML report.
    static func parts(_ r: RolloutPlan, _ w: Words, rowsPerPart: Int = 64) -> [String] {
        let overview = self.overview(r, w)
        var out = [open(overview.height) + overview.body + "</svg>\n"]
        let all = items(r, w), room = Double(rowsPerPart) * rowH
        var chunk: [Item] = [], used = 0.0, lastDistrict: (String, Int)?
        func flush() {
            guard !chunk.isEmpty else { return }
            let g = grid(r, chunk, w, top: 0)
            out.append(open(g.height) + g.body + "</svg>\n")
            chunk = []
            used = 0
        }
        func add(_ item: Item) { chunk.append(item); used += height(item, r) }
        for item in all {
            if !chunk.isEmpty, used + height(item, r) > room {
                flush()
                if case .school = item, let (d, n) = lastDistrict { add(.district(d, schools: n, continued: true)) }
            }
            if case let .district(d, n, _) = item {
                // A district heading never ends a part.
                if !chunk.isEmpty, used + 4 * rowH > room { flush() }   // room for it and a school of three lines
                lastDistrict = (d, n)
            }
            add(item)
        }
        flush()
        return out
    }

    // MARK: - parts of the chart

    static func open(_ height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height.rounded(.up)))\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    }

    static func columns(_ r: RolloutPlan) -> (cw: Double, x: (Int) -> Double) {
        let plotW = width - left - right
        let cw = plotW / Double(max(1, r.periods.count))
        return (cw, { left + Double($0) * cw })
    }

    static func maxCell(_ r: RolloutPlan) -> Int {
        max(1, r.rows.flatMap { row in r.periods.indices.map { row.delivered(inPeriod: $0) } }.max() ?? 1)
    }

    /// Light to dark blue with the square root of the devices, so that small deliveries show.
    static func shade(_ n: Int, _ maxCell: Int) -> String {
        SweepReport.ramp(0.2 + 0.8 * (Double(max(n, 1)) / Double(maxCell)).squareRoot())
    }

    /// Title, the cumulative strip of devices arrived and handed out, deadlines and the legend.
    static func overview(_ r: RolloutPlan, _ w: Words) -> (body: String, height: Double) {
        let f = NumberStyle(w.language, nonBreaking: true), esc = Markup.escape
        let (cw, x) = columns(r), T = r.periods.count
        let top = 84.0, strip = 110.0
        var out = "<text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(esc(r.plan.scenario.name))</text>\n"
        out += "<text x=\"8\" y=\"42\" fill=\"#444\">\(esc(w.ganttTitle + ": " + ScheduleReport.periodsText(r, w)))</text>\n"
        out += "<text x=\"8\" y=\"58\" fill=\"#444\">\(esc(w.policy(r.rules.teacherDevices) + " · " + w.imaging + " " + ScheduleReport.imagingText(r.rules, w)))</text>\n"

        let total = Double(max(1, ScheduleReport.totalDevices(r)))
        var handed = 0
        out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(top + 14))\" text-anchor=\"end\">\(esc(w.ganttArrived))</text>"
        out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(top + 30))\" text-anchor=\"end\" fill=\"#1f6fb2\">\(esc(w.ganttHandedOutCumulative))</text>"
        out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(top + strip - 4))\" text-anchor=\"end\" fill=\"#444\">\(esc(w.ganttOfTotal(f.int(ScheduleReport.totalDevices(r)))))</text>\n"
        for t in 0..<T {
            handed += r.delivered(inPeriod: t)
            let ha = (strip - 10) * Double(r.supply[t]) / total, hh = (strip - 10) * Double(handed) / total
            out += "<rect x=\"\(fmt(x(t) + 1))\" y=\"\(fmt(top + strip - ha))\" width=\"\(fmt(max(0.5, cw - 2)))\" height=\"\(fmt(ha))\" fill=\"#d9d9d9\"><title>\(esc(w.ganttArrivedTooltip(w.periodName(r.periods[t].label), f.int(r.supply[t]), f.int(handed))))</title></rect>"
            out += "<rect x=\"\(fmt(x(t) + min(3, cw / 4)))\" y=\"\(fmt(top + strip - hh))\" width=\"\(fmt(max(0.5, cw - 2 * min(3, cw / 4))))\" height=\"\(fmt(hh))\" fill=\"#1f6fb2\"/>\n"
        }
        out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + strip))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(top + strip))\" stroke=\"#999\"/>\n"
        out += periodLabels(r, w, y: top + strip + 4, below: true)
        out += deadlines(r, w, from: top - 14, to: top + strip, labelY: top - 18)

        // Legend, in two lines under the period labels.
        let mc = maxCell(r)
        var ly = top + strip + headerH + 12
        out += "<text x=\"8\" y=\"\(fmt(ly + 10))\" font-weight=\"bold\">\(esc(w.ganttLegendHandedOut)):</text>"
        var lx = 170.0
        for v in [1, mc / 4, mc / 2, mc * 3 / 4, mc] where v >= 1 {
            out += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" width=\"16\" height=\"12\" fill=\"\(shade(v, mc))\"/>"
            out += "<text x=\"\(fmt(lx + 20))\" y=\"\(fmt(ly + 10))\">\(esc(f.int(v)))</text>"
            lx += 62
        }
        ly += 20
        out += "\n<rect x=\"8\" y=\"\(fmt(ly))\" width=\"16\" height=\"12\" fill=\"#e6e6e6\"/><text x=\"28\" y=\"\(fmt(ly + 10))\">\(esc(w.ganttImageReady))</text>"
        out += "<rect x=\"250\" y=\"\(fmt(ly))\" width=\"16\" height=\"12\" fill=\"#e5f5e0\"/><text x=\"270\" y=\"\(fmt(ly + 10))\">\(esc(w.ganttAllOut))</text>"
        out += "<rect x=\"450\" y=\"\(fmt(ly))\" width=\"3\" height=\"12\" fill=\"#111\"/><text x=\"460\" y=\"\(fmt(ly + 10))\">\(esc(w.ganttImageMade))</text>\n"
        ly += 32
        out += "<text x=\"8\" y=\"\(fmt(ly))\" fill=\"#444\">\(esc(w.ganttByDistrict))</text>\n"
        out += "<text x=\"8\" y=\"\(fmt(ly + 16))\" fill=\"#444\">\(esc(moneyLine(r, w)))</text>\n"
        return (out, ly + 26)
    }

    static func moneyLine(_ r: RolloutPlan, _ w: Words) -> String {
        r.lostMoney > .zero ? w.moneyLostToDeadlines(NumberStyle(w.language, nonBreaking: true).money(r.lostMoney)) : w.noMoneyLostToDeadlines
    }

    /// Every period's label, upright (turned a quarter), above (`below: false`) or below a
    /// line at `y`; every second or third where the columns are narrow.
    static func periodLabels(_ r: RolloutPlan, _ w: Words, y: Double, below: Bool) -> String {
        let (cw, x) = columns(r)
        let step = max(1, Int((11 / cw).rounded(.up)))
        var out = ""
        for (t, p) in r.periods.enumerated() where t % step == 0 {
            let cx = x(t) + cw / 2 + 3
            out += below
                ? "<text transform=\"translate(\(fmt(cx)) \(fmt(y + 2))) rotate(-90)\" text-anchor=\"end\" font-size=\"9\">\(Markup.escape(w.periodName(p.label)))</text>"
                : "<text transform=\"translate(\(fmt(cx)) \(fmt(y))) rotate(-90)\" font-size=\"9\">\(Markup.escape(w.periodName(p.label)))</text>"
        }
        return out + "\n"
    }

    /// Dashed red lines at the deadlines inside the schedule, labelled at `labelY`.
    static func deadlines(_ r: RolloutPlan, _ w: Words, from y1: Double, to y2: Double, labelY: Double?) -> String {
        let (_, x) = columns(r)
        var out = "", usedLabels: [Double] = []
        for d in r.pools {
            guard let day = d.deadline, let horizon = r.rules.horizon, horizon.contains(day) else { continue }
            let dx = x(r.rules.lastPeriod(endingBy: day) + 1)
            let pool = r.plan.pools[d.poolIndex].pool
            out += "<line x1=\"\(fmt(dx))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(dx))\" y2=\"\(fmt(y2))\" stroke=\"#c0392b\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"/>"
            if let labelY {
                let shift = Double(usedLabels.filter { abs($0 - dx) < 160 }.count) * 12
                usedLabels.append(dx)
                let anchor = dx > width - 170 ? "end" : "start"
                out += "<text x=\"\(fmt(dx + (anchor == "end" ? -3 : 3)))\" y=\"\(fmt(labelY + shift))\" fill=\"#c0392b\" font-size=\"10\" text-anchor=\"\(anchor)\">\(Markup.escape(w.deadline(pool.id, w.date.short(day))))</text>"
            }
            out += "\n"
        }
        return out
    }

    /// Rows grouped by district (in dictionary order), each district's schools in the order
    /// they are served.
    static func items(_ r: RolloutPlan, _ w: Words) -> [Item] {
        let rows = ScheduleReport.serviceOrder(r).filter { $0.imagedIn != nil || $0.total > 0 }
        let byDistrict = Dictionary(grouping: rows) { r.plan.schools[$0.index].school.district }
        var out: [Item] = []
        for d in byDistrict.keys.sorted(by: PlanFigures.nameOrder) {
            out.append(.district(d, schools: byDistrict[d]!.count, continued: false))
            out += byDistrict[d]!.map { .school($0) }
        }
        return out
    }

    /// The grid of `items` with its column heads, starting at `top`.
    static func grid(_ r: RolloutPlan, _ items: [Item], _ w: Words, top: Double) -> (body: String, height: Double) {
        let f = NumberStyle(w.language, nonBreaking: true), esc = Markup.escape
        let (cw, x) = columns(r), T = r.periods.count, mc = maxCell(r)
        let gridTop = top + headerH
        var out = "<text x=\"8\" y=\"\(fmt(gridTop - 6))\" font-weight=\"bold\">\(esc(w.school))</text>"
        out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(gridTop - 6))\" text-anchor=\"end\" font-weight=\"bold\">\(esc(w.level))</text>\n"
        out += periodLabels(r, w, y: gridTop - 4, below: false)
        var y = gridTop
        for item in items {
            defer { y += height(item, r) }
            switch item {
            case let .district(d, n, continued):
                out += "<rect x=\"0\" y=\"\(fmt(y))\" width=\"\(fmt(width))\" height=\"\(fmt(rowH))\" fill=\"#eef2f6\"/>"
                let title = "\(d) · \(w.schoolsCount(n))" + (continued ? w.t(" (Fortsetzung)", " (continued)") : "")
                out += "<text x=\"8\" y=\"\(fmt(y + rowH - 3.5))\" font-weight=\"bold\">\(esc(title))</text>\n"
            case let .school(row):
                let a = r.plan.schools[row.index]
                let rh = height(item, r)
                // The name in full, wrapped (never cut, never narrowed).
                var label = "<text class=\"school\" x=\"14\" y=\"\(fmt(y + rowH - 3.5))\" font-size=\"10\">"
                for (i, line) in nameLines(a.school.name).enumerated() {
                    label += "<tspan x=\"14\"\(i == 0 ? "" : " dy=\"\(fmt(lineH))\"")>\(esc(line))</tspan>"
                }
                out += label + "</text>"
                out += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y + rowH - 3.5))\" font-size=\"10\" text-anchor=\"end\">\(esc(a.school.socialIndex.map(String.init) ?? "–"))</text>"
                let done = row.lastDelivery.flatMap { t in row.total == a.devices.reduce(0, +) ? t : nil }
                for t in 0..<T {
                    let n = row.delivered(inPeriod: t)
                    let fill: String
                    if n > 0 {
                        fill = shade(n, mc)
                    } else if let d = done, t > d {
                        fill = "#e5f5e0"
                    } else if let im = row.imagedIn, t >= im {
                        fill = "#e6e6e6"
                    } else { continue }
                    out += "<rect x=\"\(fmt(x(t)))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(cw))\" height=\"\(fmt(rh - 2))\" fill=\"\(fill)\">"
                    out += n > 0 ? "<title>\(esc(w.ganttCellTooltip(a.school.name, w.periodName(r.periods[t].label), f.int(n))))</title></rect>" : "</rect>"
                }
                if let im = row.imagedIn {
                    out += "<rect x=\"\(fmt(x(im)))\" y=\"\(fmt(y + 1))\" width=\"2\" height=\"\(fmt(rh - 2))\" fill=\"#111\"/>"
                }
                out += "\n"
            }
        }
        let gridBottom = y
        out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(gridTop))\" width=\"\(fmt(width - left - right))\" height=\"\(fmt(gridBottom - gridTop))\" fill=\"none\" stroke=\"#999\"/>\n"
        out += deadlines(r, w, from: gridTop, to: gridBottom, labelY: nil)
        return (out, gridBottom - top + 6)
    }

    static func fmt(_ v: Double) -> String { fixed(v, 1) }
}
