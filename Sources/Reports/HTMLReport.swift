import Foundation
import Allocation
import Scheduling
import Calibration

/// The council report: one self-contained HTML file (inline CSS and SVG, no script, nothing
/// from the network), laid out for A4 print. German by default.
public enum HTMLReport {
    /// `comparison`: when given, its section is added (baseline first, Δ = scenario − baseline);
    /// `plan` is the plan the report is about, one of the comparison's plans; `calibration`:
    /// when given, the fit of the need model to observed counts gets its section.
    public static func render(_ plan: Plan, audit: AuditRecord, comparison: Comparison? = nil,
                              language: ReportLanguage = .de, rollout: RolloutPlan? = nil,
                              calibration: CalibrationResult? = nil) -> String {
        let w = Words(language: language), f = NumberStyle(language)
        let fig = PlanFigures(plan)
        var h = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="allocate \(esc(audit.toolVersion))">
        <title>\(esc(w.reportTitle)): \(esc(plan.scenario.name))</title>
        <style>\(css)</style>
        </head>
        <body>

        """
        // Page 1: key facts.
        h += "<section class=\"first\">\n<header><p class=\"kicker\">\(esc(w.reportTitle)) · \(esc(w.generatedAt)) \(esc(audit.generatedAt))</p>"
        h += "<h1>\(esc(plan.scenario.name))</h1>"
        h += "<p class=\"meta\">\(esc(w.objective)): \(esc(w.objectiveName(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee))) · \(f.int(plan.schools.count)) \(esc(w.schools))</p></header>\n"
        h += "<h2>\(esc(w.keyFacts))</h2>\n<div class=\"facts\">\n"
        let granted = plan.pools.sum { $0.pool.budget }
        h += fact(w.t("Fördermittel bewilligt", "Money granted"), f.money(granted, cents: false),
                  "\(w.spent) \(f.money(plan.totalCost, cents: false)) · \(w.left) \(f.money(plan.pools.sum { $0.remaining }, cents: false))")
        h += fact(w.pupilsCovered, f.int(fig.total.pupilDevices),
                  "\(w.ofNeed) \(f.int(fig.total.pupilNeed)) (\(fig.total.pupilShare.map(f.shareAtLeast) ?? "–"))")
        for (k, kind) in plan.kinds.enumerated() where kind.basis == .teachers {
            h += fact(kind.label, f.int(plan.totalDevices(kind: k)),
                      "\(w.ofNeed) \(f.int(plan.totalNeed(kind: k))) · \(f.money(kind.unitPrice)) \(w.t("je Gerät", "each"))")
        }
        h += fact(w.ownMoney, f.money(plan.ownMoneySpent, cents: false),
                  w.t("über die Förderprogramme hinaus", "beyond the funding pools"))
        h += "</div>\n"
        h += "<h3>\(esc(w.pools))</h3>\n" + poolChart(plan, w, f) + poolTable(plan, w, f) + StateSplitReport.html(plan, w, f) + devicesTable(plan, w, f)
        h += "<p class=\"status\"><strong>\(esc(w.status)):</strong> \(esc(w.statusSentence(plan)))"
        if plan.hasKindGuarantees {
            for sentence in w.kindGuarantees(plan, share: f.share) { h += " " + esc(sentence) }
        } else if let c = plan.guaranteedCoverage, plan.scenario.objective != .proportional {
            h += " " + esc(w.t("Jede Schule mit Bedarf erhält mindestens \(f.share(Share(c))) ihres Bedarfs.",
                               "Every school with need gets at least \(f.share(Share(c))) of it."))
        }
        h += " " + esc(w.t("Jede Zahl wurde vor der Ausgabe gegen alle Regeln des Szenarios auf den Cent nachgeprüft.",
                           "Every figure was re-checked against every rule of the scenario, to the cent, before it was shown."))
        h += "</p>\n</section>\n"

        // Districts and index levels.
        h += "<section>\n<h2>\(esc(w.byDistrict))</h2>\n" + coverageChart(fig.byDistrict, w, f, label: { $0 })
        h += groupTable(fig.byDistrict, title: w.district, w, f, label: { $0 }) + "</section>\n"
        let levelLabel: (String) -> String = { $0 == "none" ? w.noLevel : $0 }
        h += "<section>\n<h2>\(esc(w.byLevel))</h2>\n" + coverageChart(fig.byLevel, w, f, label: levelLabel)
        h += groupTable(fig.byLevel, title: w.level, w, f, label: levelLabel)
        h += "<p class=\"note\">\(esc(w.t("Sozialindex NRW: Stufe 1 geringste, Stufe 9 höchste Belastung. Schulen ohne eigene Stufe zählen mit der Stufe, die ihnen das Szenario gibt (need.withoutLevel; in der Schultabelle mit * markiert); „ohne“: Schulen, denen es keine gibt. Anteile auf 0,1 % abgerundet.", "NRW social index: level 1 least, level 9 most burden. Schools without a level of their own count at the level the scenario gives them (need.withoutLevel; marked * in the school table); “none”: schools it gives none. Shares rounded down to 0.1 %.")))</p>\n"
        h += "</section>\n"

        // Map.
        h += "<section>\n<h2>\(esc(w.map))</h2>\n" + schoolMap(plan, fig, w, f) + "<p class=\"note\">\(esc(w.mapNote))</p>\n</section>\n"

        // Comparison.
        if let comparison, comparison.plans.count > 1 {
            h += comparisonSection(comparison, w, f)
        }

        // The roll-out, when asked for: the Gantt chart of the schedule.
        if let rollout {
            h += "<section>\n<h2>\(esc(w.t("Auslieferung Periode für Periode", "Roll-out period by period")))</h2>\n"
            h += "<div class=\"gantt\">" + ScheduleReport.svg(rollout).replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "") + "</div>\n"
            let lost = rollout.pools.reduce(Money.zero) { $0 + $1.lost }
            h += "<p class=\"note\">" + esc(lost > .zero
                ? w.t("Bis zu den Fristen nicht ausgegeben (verloren): \(f.money(lost)).", "Not spent by the deadlines (lost): \(f.money(lost)).")
                : w.t("Kein Geld verfällt: jedes Gerät wird vor der Frist seines Programms ausgegeben.", "No money is lost: every device is handed out before its pool's deadline.")) + "</p>\n</section>\n"
        }

        // The calibration fit, when asked for (`allocate report --calibration`).
        if let calibration { h += CalibrationSection.html(calibration, w, f) }

        // All schools.
        h += "<section>\n<h2>\(esc(w.allSchools))</h2>\n" + schoolTable(plan, fig, w, f) + "</section>\n"

        // Audit.
        h += auditSection(audit, w)
        h += "</body>\n</html>\n"
        return h
    }

    // MARK: - parts

    static func fact(_ label: String, _ value: String, _ detail: String) -> String {
        "<div class=\"fact\"><div class=\"label\">\(esc(label))</div><div class=\"value\">\(esc(value))</div><div class=\"detail\">\(esc(detail))</div></div>\n"
    }

    static func poolTable(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        var h = "<table class=\"num\"><thead><tr><th>\(esc(w.pool))</th><th>\(esc(w.granted))</th><th>\(esc(w.spent))</th><th>\(esc(w.left))</th><th>\(esc(w.t("Anteil", "share")))</th></tr></thead><tbody>\n"
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
            h += "<tr><td>\(esc(kind.label))</td><td>\(f.int(n))</td><td>\(f.int(need))</td><td>\(f.share(Share(n, of: need)))</td><td>\(f.money(kind.unitPrice))</td><td>\(f.money(cost))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// Horizontal stacked bars: spent and left of each pool, on one scale.
    static func poolChart(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        let maxBudget = max(1, plan.pools.map { max($0.pool.budget.cents, $0.spent.cents) }.max() ?? 1)
        let rowH = 30.0, labelW = 200.0, barW = 320.0
        let height = Double(plan.pools.count) * rowH + 40
        var s = "<svg class=\"chart\" viewBox=\"0 0 700 \(n(height))\" role=\"img\" aria-label=\"\(esc(w.pools))\">\n"
        for (i, u) in plan.pools.enumerated() {
            let y = 10 + Double(i) * rowH
            let spentW = barW * Double(u.spent.cents) / Double(maxBudget)
            let leftW = barW * Double(max(0, u.remaining.cents)) / Double(maxBudget)
            s += "<text x=\"\(n(labelW - 8))\" y=\"\(n(y + 17))\" text-anchor=\"end\">\(esc(short(u.pool.name, 34)))</text>"
            s += "<rect x=\"\(n(labelW))\" y=\"\(n(y + 4))\" width=\"\(n(spentW))\" height=\"20\" fill=\"#1f5f99\"/>"
            s += "<rect x=\"\(n(labelW + spentW))\" y=\"\(n(y + 4))\" width=\"\(n(leftW))\" height=\"20\" fill=\"#b9d3ea\"/>"
            s += "<text x=\"\(n(labelW + spentW + leftW + 6))\" y=\"\(n(y + 18))\" class=\"small\">\(esc(f.money(u.spent, cents: false))) / \(esc(f.money(u.pool.budget, cents: false)))</text>\n"
        }
        let ly = height - 18
        s += "<rect x=\"\(n(labelW))\" y=\"\(n(ly - 10))\" width=\"12\" height=\"12\" fill=\"#1f5f99\"/><text x=\"\(n(labelW + 16))\" y=\"\(n(ly))\" class=\"small\">\(esc(w.spent))</text>"
        s += "<rect x=\"\(n(labelW + 110))\" y=\"\(n(ly - 10))\" width=\"12\" height=\"12\" fill=\"#b9d3ea\"/><text x=\"\(n(labelW + 126))\" y=\"\(n(ly))\" class=\"small\">\(esc(w.left))</text>\n"
        return s + "</svg>\n"
    }

    /// Bars of pupil coverage (devices / need) per group, with the devices written beside.
    static func coverageChart(_ groups: [PlanFigures.Group], _ w: Words, _ f: NumberStyle, label: (String) -> String) -> String {
        let rows = groups.filter { $0.pupilNeed > 0 }
        let rowH = 22.0, labelW = 150.0, barW = 420.0
        let height = Double(rows.count) * rowH + 30
        var s = "<svg class=\"chart\" viewBox=\"0 0 700 \(n(height))\" role=\"img\" aria-label=\"\(esc(w.coverage))\">\n"
        for t in stride(from: 0, through: 100, by: 25) {
            let x = labelW + barW * Double(t) / 100
            s += "<line x1=\"\(n(x))\" y1=\"4\" x2=\"\(n(x))\" y2=\"\(n(height - 22))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(n(height - 8))\" text-anchor=\"middle\" class=\"small\">\(t) %</text>"
        }
        s += "\n"
        for (i, g) in rows.enumerated() {
            let y = 6 + Double(i) * rowH, c = g.pupilCoverage ?? 0
            s += "<text x=\"\(n(labelW - 8))\" y=\"\(n(y + 13))\" text-anchor=\"end\">\(esc(short(label(g.key), 24)))</text>"
            s += "<rect x=\"\(n(labelW))\" y=\"\(n(y + 2))\" width=\"\(n(barW * min(1, c)))\" height=\"14\" fill=\"\(coverageColor(c))\"/>"
            s += "<text x=\"\(n(labelW + barW * min(1, c) + 6))\" y=\"\(n(y + 13))\" class=\"small\">\(esc(f.share(g.pupilShare))) (\(esc(f.int(g.pupilDevices))) / \(esc(f.int(g.pupilNeed))))</text>\n"
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

    /// Schools placed by latitude and longitude (equirectangular, scaled by cos(latitude)).
    static func schoolMap(_ plan: Plan, _ fig: PlanFigures, _ w: Words, _ f: NumberStyle) -> String {
        let placed = plan.schools.filter { $0.school.latitude != nil && $0.school.longitude != nil }
        guard !placed.isEmpty else { return "<p>\(esc(w.t("Keine Koordinaten vorhanden.", "No coordinates given.")))</p>\n" }
        let lats = placed.map { $0.school.latitude! }, lons = placed.map { $0.school.longitude! }
        let midLat = (lats.min()! + lats.max()!) / 2
        let k = cos(midLat * .pi / 180)
        let spanX = max(1e-6, (lons.max()! - lons.min()!) * k), spanY = max(1e-6, lats.max()! - lats.min()!)
        let width = 660.0, pad = 20.0
        let scale = (width - 2 * pad) / spanX
        let height = min(620, spanY * scale + 2 * pad)
        let s2 = min(scale, (height - 2 * pad) / spanY)
        let maxNeed = Double(max(1, placed.map { fig.pupilNeed($0) }.max() ?? 1))
        var s = "<svg class=\"chart map\" viewBox=\"0 0 \(n(width + 150)) \(n(height))\" role=\"img\" aria-label=\"\(esc(w.map))\">\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#f6f8fa\" stroke=\"#ccc\"/>\n"
        for a in placed.sorted(by: { fig.pupilNeed($0) > fig.pupilNeed($1) || (fig.pupilNeed($0) == fig.pupilNeed($1) && $0.school.id < $1.school.id) }) {
            let x = pad + (a.school.longitude! - lons.min()!) * k * s2
            let y = height - pad - (a.school.latitude! - lats.min()!) * s2
            let need = fig.pupilNeed(a)
            let c = need > 0 ? Double(fig.pupilDevices(a)) / Double(need) : nil
            let r = 2.5 + 9 * sqrt(Double(need) / maxNeed)
            s += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(c.map(coverageColor) ?? "#999999")\" fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.4\"><title>\(esc(a.school.name)) — \(esc(f.int(fig.pupilDevices(a)))) / \(esc(f.int(need))) (\(esc(f.share(Share(fig.pupilDevices(a), of: need)))))</title></circle>\n"
        }
        let lx = width + 20
        s += "<text x=\"\(n(lx))\" y=\"20\" class=\"small\">\(esc(w.coverage))</text>\n"
        for (i, c) in [1.0, 0.9, 0.8, 0.6, 0.4, 0.0].enumerated() {
            let y = 34 + Double(i) * 20
            s += "<rect x=\"\(n(lx))\" y=\"\(n(y))\" width=\"14\" height=\"14\" fill=\"\(coverageColor(c))\"/><text x=\"\(n(lx + 20))\" y=\"\(n(y + 11))\" class=\"small\">\(esc(f.percent(c, digits: 0)))</text>\n"
        }
        return s + "</svg>\n"
    }

    static func schoolTable(_ plan: Plan, _ fig: PlanFigures, _ w: Words, _ f: NumberStyle) -> String {
        var h = "<table class=\"num schools\"><thead><tr><th>\(esc(w.number))</th><th class=\"text\">\(esc(w.school))</th><th class=\"text\">\(esc(w.district))</th><th>\(esc(w.level))</th><th>\(esc(w.pupilNeed))</th><th>\(esc(w.pupilDevices))</th><th>\(esc(w.coverage))</th><th>\(esc(w.teacherDevices))</th>"
        for u in plan.pools { h += "<th>\(esc(short(u.pool.name, 22)))</th>" }
        h += "<th>\(esc(w.cost))</th></tr></thead><tbody>\n"
        for a in plan.schools {
            let need = fig.pupilNeed(a)
            h += "<tr><td>\(esc(a.school.id))</td><td class=\"text\">\(esc(a.school.name))</td><td class=\"text\">\(esc(a.school.district))</td><td>\(esc(levelCell(a.school, plan, w)))</td>"
            h += "<td>\(f.int(need))</td><td>\(f.int(fig.pupilDevices(a)))</td><td>\(f.share(Share(fig.pupilDevices(a), of: need)))</td><td>\(f.int(fig.teacherDevices(a)))</td>"
            for p in plan.pools.indices { h += "<td>\(f.money(a.funding(pool: p)))</td>" }
            h += "<td>\(f.money(a.cost))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
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
            h += "<li><strong>\(esc(titles[i]))</strong> <span class=\"file\">(\(esc(w.t("Datei", "file"))): \(esc(col.label)))</span>\(i == 0 ? " — " + esc(w.t("Basis", "baseline")) : "")</li>"
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
        h += "<p class=\"note\">\(esc(w.t("Leihgeräte und Lehrkräfte-Geräte getrennt; Δ gegen die Basis.", "Pupil devices and teacher devices apart; Δ against the baseline.")))</p>\n"
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

    static func auditSection(_ a: AuditRecord, _ w: Words) -> String {
        var h = "<section class=\"audit\">\n<h2>\(esc(w.audit))</h2>\n<table><tbody>\n"
        h += "<tr><th>\(esc(w.generatedAt))</th><td>\(esc(a.generatedAt))</td></tr>\n"
        h += "<tr><th>\(esc(w.toolVersion))</th><td>allocate \(esc(a.toolVersion))</td></tr>\n"
        h += "<tr><th>Solver</th><td>\(esc(a.solverVersion))</td></tr>\n"
        for (k, v) in a.solverOptions + a.outcome { h += "<tr><th>\(esc(k))</th><td>\(esc(v))</td></tr>\n" }
        h += "</tbody></table>\n<h3>\(esc(w.inputs))</h3>\n<table><thead><tr><th>\(esc(w.t("Datei", "File")))</th><th>SHA-256</th><th>Bytes</th></tr></thead><tbody>\n"
        for i in a.inputs { h += "<tr><td>\(esc(i.path))</td><td class=\"hash\">\(esc(i.sha256))</td><td>\(i.bytes)</td></tr>\n" }
        h += "</tbody></table>\n<h3>\(esc(w.scenarioValues))</h3>\n<table><tbody>\n"
        for (k, v) in a.scenarioValues { h += "<tr><th>\(esc(k))</th><td>\(esc(v))</td></tr>\n" }
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

    static func short(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }
    static func n(_ v: Double) -> String { fixed(v, 1) }
    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
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
    table.schools { font-size: 7pt; }
    tr.sum td { font-weight: bold; border-top: 1px solid #333; }
    td.gain { color: #1e7a3c; font-weight: bold; }
    td.loss { color: #b03a2e; font-weight: bold; }
    .audit th { text-align: left; width: 40%; font-weight: normal; color: #444; }
    .audit td { word-break: break-all; }
    td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; }
    svg.chart { width: 100%; height: auto; font-size: 11px; margin: 1mm 0 3mm; }
    .gantt svg { width: 100%; height: auto; max-height: 250mm; }
    svg .small { font-size: 10px; fill: #333; }
    ol.scenarios { font-size: 9pt; }
    .file { font-weight: normal; color: #666; font-size: 7.5pt; }
    table.compare td.gain, table.changes td.gain { color: #1e7a3c; }
    table.compare td.loss, table.changes td.loss { color: #b03a2e; }
    @media print { body { padding: 0; max-width: none; } }

    """
}
