import Foundation
import Allocation

/// `allocate explain`: the marginal value of each pool, the binding rules and the weight ranges,
/// in euros, devices and pupils.
public enum ExplanationReport {
    /// In the terminal's language (English by default). The binding rules' sentences and the
    /// basis come from the domain (`Explanation`) as they are.
    public static func text(_ e: Explanation, step: Int = 1000, language: ReportLanguage = .en) -> String {
        let plan = e.plan, kinds = plan.kinds, w = Words(language: language), f = w.f
        let pupilKinds = kinds.indices.filter { kinds[$0].basis == .pupils }
        let stepText = f.money(Money(cents: step * 100))
        var out = "\(plan.scenario.name)\n" + w.explainObjective(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee) + "\n\n"
        out += w.explainWhatStepDoes(stepText) + "\n"
        for m in e.pools {
            out += w.explainPoolLine(m.pool.name, budget: f.money(m.pool.budget), spent: f.money(m.spent))
            if m.pool.budget == .zero && m.spent == .zero {
                out += w.explainEmptyPool(f.money(.zero))
            }
            guard m.isBinding, m.devicesPerEuro.contains(where: { abs($0) > 1e-12 }) else {
                out += w.explainNotLimiting(stepText, left: f.money(m.pool.budget - m.spent))
                out += w.explainZeroRate(stepText, spent: f.money(m.spent))
                continue
            }
            for sign in [1, -1] {
                let euros = sign * step
                if sign < 0 && m.pool.budget.cents < step * 100 {
                    out += w.explainLessImpossible(stepText)
                    continue
                }
                let parts = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                    w.explainKindDevices(plus(m.devices(for: euros, kind: k), f), kinds[k].id)
                }
                let pupils = pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }
                out += "    \(sign > 0 ? "+" : "-")\(stepText): \(parts.joined(separator: ", ")) (\(w.explainPupilsCovered(plus(pupils, f))))"
                out += m.rateHolds(for: euros) ? "\n" : w.explainBeyondRange + "\n"
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                w.explainRatePart(f.plain(m.devicesPerEuro[k] * Double(step), 2), kinds[k].id, stepText)
            }
            out += w.explainRateLine(rates.joined(separator: ", "), rangeText(m.rangeLow, m.rangeHigh, w))
        }
        out += "\n" + w.explainRulesThatBind + "\n"
        if e.bindings.isEmpty { out += "  \(w.none)\n" }
        for b in e.bindings {
            out += "  [\(b.rule.rawValue)] \(b.text)"
            if !b.schools.isEmpty {
                let names = b.schools.prefix(8).map { id in plan.schools.first { $0.school.id == id }.map { "\(id) \(String($0.school.name.prefix(30)))" } ?? id }
                out += ":\n      " + names.joined(separator: "\n      ") + (b.schools.count > 8 ? "\n      " + w.explainAndMore(b.schools.count - 8) : "")
            }
            out += "\n"
        }
        out += "\n" + w.explainWeightsTitle + "\n"
        for wt in e.weights {
            out += "  " + w.explainWeightLine(wt.label, schools: wt.schools, weight: "\(wt.weight)",
                                              low: wt.low.map { f.plain($0, 4) }, high: wt.high.map { f.plain($0, 4) }) + "\n"
        }
        out += "\n" + w.explainHow(Explanation.basis) + "\n"
        return out
    }

    /// "+0" for no change, as `explain` always wrote it.
    static func plus(_ n: Int, _ f: NumberStyle) -> String { (n >= 0 ? "+" : "") + f.int(n) }

    /// "from A to B", "from A upwards", "up to B", "of any size": never "between no limit and no limit".
    static func rangeText(_ low: Money?, _ high: Money?, _ w: Words) -> String {
        w.explainRange(low.map { w.f.money($0) }, high.map { w.f.money($0) })
    }

    public static func json(_ e: Explanation, step: Int = 1000) -> String {
        let kinds = e.plan.kinds
        let doc: JSONValue = .object([
            ("scenario", .string(e.plan.scenario.name)),
            ("basis", .string(Explanation.basis)),
            ("step", .money(Money(cents: step * 100))),
            ("pools", .array(e.pools.map { m in
                .object([
                    ("id", .string(m.pool.id)), ("name", .string(m.pool.name)), ("budget", .money(m.pool.budget)), ("spent", .money(m.spent)),
                    ("binding", .bool(m.isBinding)),
                    ("devicesPerStep", .object(kinds.enumerated().map { ($1.id, .double(m.devicesPerEuro[$0] * Double(step), 4)) })),
                    ("more", .object(kinds.enumerated().map { ($1.id, .int(m.devices(for: step, kind: $0))) })),
                    ("less", .object(kinds.enumerated().map { ($1.id, .int(m.devices(for: -step, kind: $0))) })),
                    ("rangeLow", m.rangeLow.map(JSONValue.money) ?? .null), ("rangeHigh", m.rangeHigh.map(JSONValue.money) ?? .null),
                ])
            })),
            ("bindings", .array(e.bindings.map { b in
                .object([("rule", .string(b.rule.rawValue)), ("text", .string(b.text)), ("schools", .array(b.schools.map(JSONValue.string)))])
            })),
            ("weights", .array(e.weights.map { w in
                .object([("label", .string(w.label)), ("level", w.level.map(JSONValue.int) ?? .null),
                         ("group", .string(w.level.map(String.init) ?? w.label)), ("weight", .number("\(w.weight)")),
                         ("low", w.low.map { .double($0) } ?? .null), ("high", w.high.map { .double($0) } ?? .null), ("schools", .int(w.schools))])
            })),
        ])
        return doc.render() + "\n"
    }
}
