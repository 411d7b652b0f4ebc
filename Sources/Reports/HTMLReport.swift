import Foundation
import Allocation
import Scheduling
import Calibration

/// The council report: one self-contained HTML file (inline CSS and SVG, no script, nothing
/// from the network), laid out for A4 print. German by default.
public enum HTMLReport {
    /// `comparison`: when given, its section is added (baseline first, Δ = scenario − baseline);
    /// `plan` is the plan the report is about, one of the comparison's plans; `calibration`:
    /// when given, the fit of the need model to observed counts gets its section; `years`: when
    /// given, the multi-year plan gets its section "Haushaltsjahre …" (`YearsReport.htmlSection`).
    public static func render(_ plan: Plan, audit: AuditRecord, comparison: Comparison? = nil,
                              language: ReportLanguage = .de, rollout: RolloutPlan? = nil,
                              calibration: CalibrationResult? = nil, years: YearsFigures? = nil,
                              yearsComparison: YearsComparison? = nil) -> String {
        let w = Words(language: language), f = NumberStyle(language, nonBreaking: true)
        let fig = PlanFigures(plan)
        let compared = comparison.map { $0.plans.count > 1 } ?? false
        var h = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="allocate \(esc(audit.toolVersion))">
        <title>\(esc(w.reportTitle)): \(esc(plan.scenario.name))</title>
        <style>\(css)\(years != nil ? YearsReport.css + "\n" : "")</style>
        </head>
        <body>

        """
        // Page 1: key facts, and what the following pages hold.
        h += "<section class=\"first\">\n<header><p class=\"kicker\">\(esc(w.reportTitle)) · \(esc(w.generatedAt)) \(esc(w.date.moment(iso: audit.generatedAt)))"
            + (audit.runID.map { " · <span class=\"run-id\">\(esc(w.runID)) \(esc($0))</span>" } ?? "") + "</p>"
        h += "<h1>\(esc(plan.scenario.name))</h1>"
        h += "<p class=\"meta\">\(esc(w.objective)): \(esc(w.objectiveName(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee))) · \(f.int(plan.schools.count)) \(esc(w.schools))</p>"
        h += "<p class=\"contents\">\(esc(w.contentsIntro)) " + w.contentsList(comparison: compared, rollout: rollout != nil, calibration: calibration != nil, years: years != nil)
            .map { "<span>\(esc($0))</span>" }.joined(separator: " · ") + "</p></header>\n"
        h += "<h2>\(esc(w.keyFacts))</h2>\n<div class=\"facts\">\n"
        let granted = plan.pools.sum { $0.pool.budget }
        h += fact(w.moneyGranted, f.money(granted, cents: false),
                  "\(w.spent) \(f.money(plan.totalCost, cents: false)) · \(w.left) \(f.money(plan.pools.sum { $0.remaining }, cents: false))")
        h += fact(w.pupilsCovered, f.int(fig.total.pupilDevices),
                  "\(w.ofNeed) \(f.int(fig.total.pupilNeed)) (\(fig.total.pupilShare.map(f.shareAtLeast) ?? "–"))")
        for (k, kind) in plan.kinds.enumerated() where kind.basis == .teachers {
            h += fact(w.kindLabel(kind), f.int(plan.totalDevices(kind: k)),
                      "\(w.ofNeed) \(f.int(plan.totalNeed(kind: k))) · \(f.money(kind.unitPrice)) \(w.eachDevice)")
        }
        h += fact(w.ownMoney, f.money(plan.ownMoneySpent, cents: false), w.beyondPools)
        h += "</div>\n"
        h += "<h3>\(esc(w.pools))</h3>\n" + poolChart(plan, w, f) + poolTable(plan, w, f) + StateSplitReport.html(plan, w, f) + devicesTable(plan, w, f)
        h += "<p class=\"status\"><strong>\(esc(w.status)):</strong> \(esc(w.statusSentence(plan)))"
        if plan.hasKindGuarantees {
            for sentence in w.kindGuarantees(plan, share: f.share) { h += " " + esc(sentence) }
        } else if let c = plan.guaranteedCoverage, plan.scenario.objective != .proportional {
            h += " " + esc(w.everySchoolGetsAtLeast(f.share(Share(c))))
        }
        h += " " + esc(w.everyFigureChecked)
        h += "</p>\n</section>\n"

        // Districts and index levels.
        h += "<section>\n<h2>\(esc(w.byDistrict))</h2>\n" + coverageChart(fig.byDistrict, w, f, label: { $0 })
        h += groupTable(fig.byDistrict, title: w.district, w, f, label: { $0 }) + "</section>\n"
        let levelLabel: (String) -> String = { $0 == "none" ? w.noLevel : $0 }
        h += "<section>\n<h2>\(esc(w.byLevel))</h2>\n" + coverageChart(fig.byLevel, w, f, label: levelLabel)
        h += groupTable(fig.byLevel, title: w.level, w, f, label: levelLabel)
        h += "<p class=\"note\">\(esc(w.levelNote))</p>\n"
        h += "</section>\n"

        // Map.
        h += "<section class=\"map\">\n<h2>\(esc(w.map))</h2>\n<p class=\"figtitle\">\(esc(w.mapTitle))</p>\n" + SchoolMap.svg(plan, fig, w, f)
        h += "<p class=\"note\">\(esc(w.mapNoteLong))</p>\n</section>\n"

        // Comparison.
        if let comparison, compared {
            h += comparisonSection(comparison, w, f)
        }

        // The roll-out, when asked for: the Gantt chart of the schedule, in parts of a page.
        if let rollout {
            h += "<section class=\"rollout\">\n<h2>\(esc(w.rollout))</h2>\n"
            for part in GanttChart.parts(rollout, w) { h += "<div class=\"gantt\">" + part + "</div>\n" }
            h += "<p class=\"note\">" + esc(rollout.lostMoney > .zero ? w.moneyLost(f.money(rollout.lostMoney)) : w.noMoneyLost) + "</p>\n</section>\n"
        }

        // The calibration fit, when asked for (`allocate report --calibration`).
        if let calibration { h += CalibrationSection.html(calibration, w, f) }

        // The multi-year plan, when asked for (`allocate report --years`).
        if let years { h += YearsReport.htmlSection(years, language: language) }
        // Its comparison with the --compare scenarios' multi-year plans (`report --years --compare`).
        if let yearsComparison, yearsComparison.figures.count > 1 { h += YearsComparisonReport.htmlSection(yearsComparison, language: language) }

        // All schools.
        h += "<section>\n<h2>\(esc(w.allSchools))</h2>\n" + schoolTable(plan, fig, w, f) + "</section>\n"

        // Audit.
        h += auditSection(audit, plan, w)
        h += "</body>\n</html>\n"
        return h
    }

    // MARK: - parts

    static func fact(_ label: String, _ value: String, _ detail: String) -> String {
        "<div class=\"fact\"><div class=\"label\">\(esc(label))</div><div class=\"value\">\(esc(value))</div><div class=\"detail\">\(esc(detail))</div></div>\n"
    }

    static func poolTable(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        var h = "<table class=\"num\"><thead><tr><th>\(esc(w.pool))</th><th>\(esc(w.granted))</th><th>\(esc(w.spent))</th><th>\(esc(w.left))</th><th>\(esc(w.share))</th></tr></thead><tbody>\n"
        for u in plan.pools {
            let share = Share(u.spent.cents, of: u.pool.budget.cents)
            h += "<tr><td>\(esc(u.pool.name))</td><td>\(f.money(u.pool.budget))</td><td>\(f.money(u.spent))</td><td>\(f.money(u.remaining))</td><td>\(f.share(share))</td></tr>\n"
        }
        let g = plan.pools.sum { $0.pool.budget }
        h += "<tr class=\"sum\"><td>\(esc(w.total))</td><td>\(f.money(g))</td><td>\(f.money(plan.totalCost))</td><td>\(f.money(plan.pools.sum { $0.remaining }))</td><td>\(f.share(Share(plan.totalCost.cents, of: g.cents)))</td></tr>\n"
        return h + "</tbody></table>\n"
    }

    static func devicesTable(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        var h = "<table class=\"num\"><thead><tr><th>\(esc(w.devices))</th><th>\(esc(w.planned))</th><th>\(esc(w.needed))</th><th>\(esc(w.coverage))</th><th>\(esc(w.unitPrice))</th><th>\(esc(w.cost))</th></tr></thead><tbody>\n"
        for (k, kind) in plan.kinds.enumerated() {
            let n = plan.totalDevices(kind: k), need = plan.totalNeed(kind: k)
            let cost = plan.schools.reduce(Money.zero) { $0 + $1.funding[k].sum { $0 } }
            h += "<tr><td>\(esc(w.kindLabel(kind)))</td><td>\(f.int(n))</td><td>\(f.int(need))</td><td>\(f.share(Share(n, of: need)))</td><td>\(f.money(kind.unitPrice))</td><td>\(f.money(cost))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// Horizontal stacked bars: spent and left of each pool, on one scale. Long names wrap
    /// onto up to three lines; none is cut.
    static func poolChart(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        let maxBudget = max(1, plan.pools.map { max($0.pool.budget.cents, $0.spent.cents) }.max() ?? 1)
        let labelW = 250.0, barW = 260.0, lineH = 13.0
        let labels = plan.pools.map { wrap($0.pool.name, 36, lines: 3) }
        let heights = labels.map { max(30, Double($0.count) * lineH + 10) }
        let height = heights.reduce(0, +) + 40
        var s = "<svg class=\"chart\" viewBox=\"0 0 700 \(n(height))\" role=\"img\" aria-label=\"\(esc(w.pools))\">\n"
        var y = 10.0
        for (i, u) in plan.pools.enumerated() {
            let rowH = heights[i], mid = y + rowH / 2
            let spentW = barW * Double(u.spent.cents) / Double(maxBudget)
            let leftW = barW * Double(max(0, u.remaining.cents)) / Double(maxBudget)
            s += textLines(labelW - 8, mid - Double(labels[i].count - 1) * lineH / 2 + 4, labels[i], lineH, anchor: "end")
            s += "<rect x=\"\(n(labelW))\" y=\"\(n(mid - 10))\" width=\"\(n(spentW))\" height=\"20\" fill=\"#1f5f99\"/>"
            s += "<rect x=\"\(n(labelW + spentW))\" y=\"\(n(mid - 10))\" width=\"\(n(leftW))\" height=\"20\" fill=\"#b9d3ea\"/>"
            s += "<text x=\"\(n(labelW + spentW + leftW + 6))\" y=\"\(n(mid + 4))\" class=\"small\">\(esc(f.money(u.spent, cents: false))) / \(esc(f.money(u.pool.budget, cents: false)))</text>\n"
            y += rowH
        }
        let ly = height - 18
        s += "<rect x=\"\(n(labelW))\" y=\"\(n(ly - 10))\" width=\"12\" height=\"12\" fill=\"#1f5f99\"/><text x=\"\(n(labelW + 16))\" y=\"\(n(ly))\" class=\"small\">\(esc(w.spent))</text>"
        s += "<rect x=\"\(n(labelW + 110))\" y=\"\(n(ly - 10))\" width=\"12\" height=\"12\" fill=\"#b9d3ea\"/><text x=\"\(n(labelW + 126))\" y=\"\(n(ly))\" class=\"small\">\(esc(w.left))</text>\n"
        return s + "</svg>\n"
    }

    /// Bars of pupil coverage (devices / need) per group, with the devices written beside.
    static func coverageChart(_ groups: [PlanFigures.Group], _ w: Words, _ f: NumberStyle, label: (String) -> String) -> String {
        let rows = groups.filter { $0.pupilNeed > 0 }
        let labelW = 190.0, barW = 330.0, lineH = 12.0
        let labels = rows.map { wrap(label($0.key), 30, lines: 2) }
        let heights = labels.map { max(22, Double($0.count) * lineH + 8) }
        let height = heights.reduce(0, +) + 30
        var s = "<svg class=\"chart\" viewBox=\"0 0 700 \(n(height))\" role=\"img\" aria-label=\"\(esc(w.coverage))\">\n"
        for t in stride(from: 0, through: 100, by: 25) {
            let x = labelW + barW * Double(t) / 100
            s += "<line x1=\"\(n(x))\" y1=\"4\" x2=\"\(n(x))\" y2=\"\(n(height - 22))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(n(height - 8))\" text-anchor=\"middle\" class=\"small\">\(esc(f.percent(Double(t) / 100, digits: 0)))</text>"
        }
        s += "\n"
        var y = 6.0
        for (i, g) in rows.enumerated() {
            let rowH = heights[i], mid = y + rowH / 2, c = g.pupilCoverage ?? 0
            s += textLines(labelW - 8, mid - Double(labels[i].count - 1) * lineH / 2 + 4, labels[i], lineH, anchor: "end")
            s += "<rect x=\"\(n(labelW))\" y=\"\(n(mid - 7))\" width=\"\(n(barW * min(1, c)))\" height=\"14\" fill=\"\(coverageColor(c))\"/>"
            s += "<text x=\"\(n(labelW + barW * min(1, c) + 6))\" y=\"\(n(mid + 4))\" class=\"small\">\(esc(f.share(g.pupilShare))) (\(esc(f.int(g.pupilDevices))) / \(esc(f.int(g.pupilNeed))))</text>\n"
            y += rowH
        }
        return s + "</svg>\n"
    }

    static func groupTable(_ groups: [PlanFigures.Group], title: String, _ w: Words, _ f: NumberStyle, label: (String) -> String) -> String {
        var h = "<table class=\"num\"><thead><tr><th>\(esc(title))</th><th>\(esc(w.schools))</th><th>\(esc(w.pupilNeed))</th><th>\(esc(w.pupilDevices))</th><th>\(esc(w.coverage))</th><th>\(esc(w.teacherDevices))</th><th>\(esc(w.cost))</th></tr></thead><tbody>\n"
        for g in groups {
            h += "<tr><td>\(esc(label(g.key)))</td><td>\(f.int(g.schools))</td><td>\(f.int(g.pupilNeed))</td><td>\(f.int(g.pupilDevices))</td><td>\(f.share(g.pupilShare))</td><td>\(f.int(g.teacherDevices))</td><td>\(f.money(g.cost))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// Every school; the pools' columns headed by short names explained under the table, money
    /// in whole euros with the unit in the head, so that the table fits an A4 page.
    static func schoolTable(_ plan: Plan, _ fig: PlanFigures, _ w: Words, _ f: NumberStyle) -> String {
        let short = poolAbbreviations(plan)
        var h = "<table class=\"num schools\"><thead><tr><th>\(esc(w.number))</th><th class=\"text\">\(esc(w.school))</th><th class=\"text\">\(esc(w.district))</th><th>\(esc(w.level))</th><th>\(esc(w.pupilNeed))</th><th>\(esc(w.pupilDevices))</th><th>\(esc(w.coverage))</th><th>\(esc(w.teacherDevices))</th>"
        for (p, u) in plan.pools.enumerated() { h += "<th title=\"\(esc(u.pool.name))\">\(esc(short[p])) (€)</th>" }
        h += "<th>\(esc(w.cost)) (€)</th></tr></thead><tbody>\n"
        // Whole euros (the unit in the head; to the cent in the workbook), so that the table fits A4.
        let euros = { (m: Money) in String(f.money(m, cents: false).dropLast(2)) }
        for a in plan.schools {
            let need = fig.pupilNeed(a)
            h += "<tr><td>\(esc(a.school.id))</td><td class=\"text\">\(esc(a.school.name))</td><td class=\"text\">\(esc(a.school.district))</td><td>\(esc(levelCell(a.school, plan, w)))</td>"
            h += "<td>\(f.int(need))</td><td>\(f.int(fig.pupilDevices(a)))</td><td>\(f.share(Share(fig.pupilDevices(a), of: need)))</td><td>\(f.int(fig.teacherDevices(a)))</td>"
            for p in plan.pools.indices { h += "<td>\(euros(a.funding(pool: p)))</td>" }
            h += "<td>\(euros(a.cost))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        h += "<p class=\"note\">\(esc(w.abbreviations)): " + plan.pools.enumerated().map { "\(esc(short[$0.offset])) = \(esc($0.element.pool.name))" }.joined(separator: "; ") + ".</p>\n"
        return h
    }

    /// Short column heads for the pools: "F1", "F2", … explained under the table.
    static func poolAbbreviations(_ plan: Plan) -> [String] {
        plan.pools.indices.map { "F\($0 + 1)" }
    }

    /// A school's level as grouped (`PlanFigures.levelKey`), marked where it is the scenario's
    /// rule for schools without one: "4*".
    static func levelCell(_ school: School, _ plan: Plan, _ w: Words) -> String {
        let key = PlanFigures.levelKey(school, plan.scenario)
        if key == "none" { return w.noLevel }
        return school.socialIndex == nil ? key + "*" : key
    }

    /// The comparison: one table per section, columns headed by the scenarios' titles (file
    /// name beneath), one Δ column per compared scenario; then the schools that change, pupil
    /// and teacher devices apart.
    static func comparisonSection(_ c: Comparison, _ w: Words, _ f: NumberStyle) -> String {
        let n = c.plans.count, titles = c.titles
        var h = "<section class=\"comparison\">\n<h2>\(esc(w.comparison))</h2>\n<ol class=\"scenarios\">"
        for (i, col) in c.columns.enumerated() {
            h += "<li><strong>\(esc(titles[i]))</strong> <span class=\"file\">(\(esc(w.file)): \(esc(col.label)))</span>\(i == 0 ? " — " + esc(w.baseline) : "")</li>"
        }
        h += "</ol>\n<p class=\"note\">\(esc(Comparison.definition(w.language)))</p>\n"
        func head(_ first: String) -> String {
            var s = "<table class=\"num compare\"><thead><tr><th>\(esc(first))</th>"
            for (i, col) in c.columns.enumerated() {
                s += "<th data-plan=\"\(i)\">\(esc(titles[i]))<br><span class=\"file\">\(esc(col.label))</span></th>"
            }
            for i in 1..<n { s += "<th data-delta=\"\(i)\">Δ \(esc(titles[i]))<br><span class=\"file\">\(esc(c.columns[i].label)) − \(esc(c.columns[0].label))</span></th>" }
            return s + "</tr></thead><tbody>\n"
        }
        for section in Comparison.Section.allCases {
            h += "<h3>\(esc(Comparison.heading(section, w.language)))</h3>\n" + head("")
            for line in c.lines where line.section == section {
                h += "<tr data-figure=\"\(esc(line.id))\"><td>\(esc(line.label(w.language)))</td>"
                h += line.values.map { "<td>\(esc(Comparison.text($0, f)))</td>" }.joined()
                h += line.deltas.map { d in "<td class=\"\(deltaClass(d))\">\(esc(Comparison.text(d, f)))</td>" }.joined()
                h += "</tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "<h3>\(esc(w.gainsLosses))</h3>\n"
        if c.changes.isEmpty { return h + "<p>\(esc(w.noChanges))</p>\n</section>\n" }
        h += "<p class=\"note\">\(esc(w.pupilsAndTeachersApart))</p>\n"
        h += "<table class=\"num changes\"><thead><tr><th>\(esc(w.number))</th><th class=\"text\">\(esc(w.school))</th><th>\(esc(w.level))</th>"
        for (what, _) in [(w.pupilDevices, 0), (w.teacherDevices, 1)] {
            for i in 0..<n { h += "<th>\(esc(what))<br><span class=\"file\">\(esc(c.columns[i].label))</span></th>" }
            for i in 1..<n { h += "<th>Δ \(esc(what))<br><span class=\"file\">\(esc(c.columns[i].label))</span></th>" }
        }
        h += "</tr></thead><tbody>\n"
        for ch in c.changes {
            h += "<tr data-school=\"\(esc(ch.id))\"><td>\(esc(ch.id))</td><td class=\"text\">\(esc(ch.name))</td><td>\(esc(ch.level == "none" ? w.noLevel : ch.level))</td>"
            h += ch.pupilDevices.map { "<td>\(f.int($0))</td>" }.joined()
            h += (1..<n).map { i in "<td class=\"\(deltaClass(.count(ch.pupilChange(i))))\">\(f.delta(ch.pupilChange(i)))</td>" }.joined()
            h += ch.teacherDevices.map { "<td>\(f.int($0))</td>" }.joined()
            h += (1..<n).map { i in "<td class=\"\(deltaClass(.count(ch.teacherChange(i))))\">\(f.delta(ch.teacherChange(i)))</td>" }.joined()
            h += "</tr>\n"
        }
        return h + "</tbody></table>\n</section>\n"
    }

    static func deltaClass(_ d: Comparison.Delta?) -> String {
        switch d {
        case .count(let n)?: return n > 0 ? "gain" : n < 0 ? "loss" : "same"
        case .money(let m)?: return m > .zero ? "gain" : m < .zero ? "loss" : "same"
        case .points(let p)?: return p > 0 ? "gain" : p < 0 ? "loss" : "same"
        case nil: return "same"
        }
    }

    /// The audit record: the time in words and in ISO 8601, a label for every entry with its
    /// key beneath, the input files with their SHA-256, every scenario value by its label.
    static func auditSection(_ a: AuditRecord, _ plan: Plan, _ w: Words) -> String {
        var h = "<section class=\"audit\">\n<h2>\(esc(w.audit))</h2>\n<table><tbody>\n"
        h += "<tr><th>\(esc(w.generatedAt))</th><td>\(esc(w.date.moment(iso: a.generatedAt))) <span class=\"key\">(\(esc(w.isoTime)): \(esc(a.generatedAt)))</span></td></tr>\n"
        if let id = a.runID {
            h += "<tr><th>\(esc(w.runID))</th><td>\(esc(id)) <span class=\"key\">(\(esc(w.runIDHint(id))))</span></td></tr>\n"
        }
        h += "<tr><th>\(esc(w.toolVersion))</th><td>allocate \(esc(a.toolVersion))</td></tr>\n"
        h += "<tr><th>\(esc(w.solverLabel))</th><td>\(esc(a.solverVersion))</td></tr>\n"
        for (k, v) in a.solverOptions + a.outcome { h += "<tr><th>\(esc(w.auditLabel(k, kinds: plan.kinds)))<br><span class=\"key\">\(esc(k))</span></th><td>\(esc(w.auditValue(k, v)))</td></tr>\n" }
        h += "</tbody></table>\n<h3>\(esc(w.inputs))</h3>\n<table><thead><tr><th>\(esc(w.fileHeader))</th><th>SHA-256</th><th>\(esc(w.bytes))</th></tr></thead><tbody>\n"
        for i in a.inputs { h += "<tr><td>\(esc(i.path))</td><td class=\"hash\">\(esc(i.sha256))</td><td>\(i.bytes)</td></tr>\n" }
        h += "</tbody></table>\n<h3>\(esc(w.scenarioValues))</h3>\n<table><tbody>\n"
        let names = Dictionary(plan.pools.map { ($0.pool.id, $0.pool.name) }, uniquingKeysWith: { x, _ in x })
        let kinds = Dictionary(plan.kinds.map { ($0.id, w.kindLabel($0)) }, uniquingKeysWith: { x, _ in x })
        for (k, v) in a.scenarioValues {
            let label = ParameterLabel(k, w, poolNames: names, kindLabels: kinds).text
            h += "<tr><th>\(esc(label))\(label == k ? "" : "<br><span class=\"key\">\(esc(k))</span>")</th><td>\(esc(w.auditValue(k, v)))</td></tr>\n"
        }
        return h + "</tbody></table>\n</section>\n"
    }

    // MARK: - helpers

    /// Red (low) through amber to green (full), for coverage.
    static func coverageColor(_ c: Double) -> String {
        let stops: [(Double, (Int, Int, Int))] = [(0, (192, 57, 43)), (0.6, (230, 126, 34)), (0.85, (241, 196, 15)), (0.95, (120, 190, 80)), (1, (39, 140, 70))]
        let x = min(1, max(0, c))
        var lo = stops[0], hi = stops[stops.count - 1]
        for i in 1..<stops.count where x <= stops[i].0 { lo = stops[i - 1]; hi = stops[i]; break }
        let t = hi.0 > lo.0 ? (x - lo.0) / (hi.0 - lo.0) : 0
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(lo.1.0, hi.1.0), mix(lo.1.1, hi.1.1), mix(lo.1.2, hi.1.2))
    }

    static func n(_ v: Double) -> String { fixed(v, 1) }
    static func esc(_ s: String) -> String { Markup.escape(s) }

    /// Words onto lines of at most `width` characters, at most `lines` lines (the rest joins
    /// the last line: nothing is cut).
    static func wrap(_ text: String, _ width: Int, lines: Int) -> [String] {
        var out: [String] = [], line = ""
        for word in text.split(separator: " ").map(String.init) {
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= width { line += " " + word } else { out.append(line); line = word }
        }
        if !line.isEmpty { out.append(line) }
        if out.count > lines { out = Array(out.prefix(lines - 1)) + [out.dropFirst(lines - 1).joined(separator: " ")] }
        return out.isEmpty ? [""] : out
    }

    /// Lines of SVG text, the first baseline at `y`.
    static func textLines(_ x: Double, _ y: Double, _ lines: [String], _ lineH: Double, anchor: String, cls: String? = nil) -> String {
        var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(cls.map { " class=\"\($0)\"" } ?? "")>"
        for (i, l) in lines.enumerated() {
            s += "<tspan x=\"\(n(x))\"\(i == 0 ? "" : " dy=\"\(n(lineH))\"")>\(esc(l))</tspan>"
        }
        return s + "</text>"
    }

    static let css = """

    @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #1b1f23; margin: 0 auto; max-width: 190mm; padding: 8mm 0; line-height: 1.35; }
    h1 { font-size: 18pt; margin: 2mm 0 1mm; }
    h2 { font-size: 13pt; border-bottom: 2px solid #1f5f99; padding-bottom: 1mm; margin: 6mm 0 3mm; }
    h3 { font-size: 11pt; margin: 5mm 0 2mm; }
    .kicker { color: #1f5f99; text-transform: uppercase; letter-spacing: .04em; font-size: 8.5pt; margin: 0; }
    .meta, .note { color: #555; font-size: 9pt; }
    section { page-break-before: always; break-before: page; }
    section.first { page-break-before: avoid; break-before: avoid; }
    .facts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 3mm; margin-bottom: 4mm; }
    .fact { border: 1px solid #d0d7de; border-left: 4px solid #1f5f99; padding: 2.5mm 3mm; border-radius: 2px; break-inside: avoid; }
    .fact .label { font-size: 8.5pt; color: #555; }
    .fact .value { font-size: 17pt; font-weight: bold; margin: .5mm 0; }
    .fact .detail { font-size: 8.5pt; color: #333; }
    .status { background: #f3f7fb; border: 1px solid #d0d7de; padding: 2.5mm 3mm; font-size: 9pt; }
    table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.5pt; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    th, td { border-bottom: 1px solid #e1e4e8; padding: 1mm 1.5mm; vertical-align: top; }
    thead th { background: #f0f3f6; text-align: left; border-bottom: 1px solid #9aa5b1; }
    table.num td { text-align: right; white-space: nowrap; }
    table.num td:first-child, table.num td.text { text-align: left; white-space: normal; }
    table.num thead th { text-align: right; }
    table.num thead th:first-child, table.num thead th.text { text-align: left; }
    table.schools { font-size: 6.6pt; table-layout: auto; }
    table.compare, table.changes { font-size: 7.5pt; }
    tr.sum td { font-weight: bold; border-top: 1px solid #333; }
    td.gain { color: #1e7a3c; font-weight: bold; }
    td.loss { color: #b03a2e; font-weight: bold; }
    .audit th { text-align: left; width: 40%; font-weight: normal; color: #444; }
    .audit td { word-break: break-all; }
    td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; }
    svg.chart { width: 100%; height: auto; font-size: 11px; margin: 1mm 0 3mm; }
    .gantt { break-inside: avoid; page-break-inside: avoid; margin: 0 0 3mm; }
    .gantt svg { width: 100%; height: auto; display: block; }
    section.rollout .gantt + .gantt { break-before: page; page-break-before: always; }
    .contents { font-size: 9pt; color: #333; margin: 1mm 0 0; }
    .contents span { white-space: nowrap; }
    .figtitle { font-weight: bold; font-size: 10pt; margin: 0 0 1mm; }
    svg text.district { font-size: 11px; font-weight: bold; fill: #1b1f23; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
    .key { color: #6a737d; font-size: 7pt; font-weight: normal; font-family: "DejaVu Sans Mono", monospace; }
    table.schools th { font-size: 6.5pt; padding: .8mm .8mm; hyphens: auto; }
    table.schools td { padding: .6mm .8mm; }
    svg .small { font-size: 10px; fill: #333; }
    ol.scenarios { font-size: 9pt; }
    .file { font-weight: normal; color: #666; font-size: 7.5pt; }
    table.compare td.gain, table.changes td.gain { color: #1e7a3c; }
    table.compare td.loss, table.changes td.loss { color: #b03a2e; }
    @media print { body { padding: 0; max-width: none; } }

    """
}
