import Foundation
import Allocation
import LinearProgramming

/// `allocate explain`: the marginal value of each pool, the binding rules and the weight ranges,
/// in euros, devices and pupils. `Explanation` holds the facts; this words them, in German or
/// English (English by default; `allocate explain` passes its `--lang`, else the terminal's).
public enum ExplanationReport {
    public static func text(_ e: Explanation, step: Int = 1000, language: ReportLanguage = .en) -> String {
        let w = ExplanationWords(language: language), n = w.numbers
        let plan = e.plan, kinds = plan.kinds
        let pupilKinds = kinds.indices.filter { kinds[$0].basis == .pupils }
        let stepMoney = n.money(Money(cents: step * 100))
        let objective = Words(language: language).objectiveShort(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee)
        var out = "\(plan.scenario.name)\n\(w.objectiveWord): \(objective)\n\n"
        // The plan explained was stopped by the time limit (it bounds the whole command): said first.
        if plan.solver.stoppedAtTimeLimit {
            let words = Words(language: language)
            out += "\(words.status): \(words.statusSentence(plan))\n\n"
        }
        out += w.whatMoneyDoes(stepMoney) + "\n"
        for m in e.pools {
            out += "  " + w.poolLine(m.pool.name, budget: n.money(m.pool.budget), spent: n.money(m.spent)) + "\n"
            if m.pool.budget == .zero && m.spent == .zero { out += "    " + w.emptyPool(n.money(.zero)) + "\n" }
            guard m.isBinding, m.devicesPerEuro.contains(where: { abs($0) > 1e-12 }) else {
                out += "    " + w.notLimiting(stepMoney, left: n.money(m.pool.budget - m.spent)) + "\n"
                out += "    " + w.zeroRate(stepMoney, spent: n.money(m.spent)) + "\n"
                continue
            }
            for sign in [1, -1] {
                let euros = sign * step
                if sign < 0 && m.pool.budget.cents < step * 100 {
                    out += "    " + w.lessNotPossible(stepMoney) + "\n"
                    continue
                }
                let parts = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                    w.devices(signed(m.devices(for: euros, kind: k), n), kind: w.kindName(kinds[k]), one: abs(m.devices(for: euros, kind: k)) == 1)
                }
                let pupils = signed(pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }, n)
                out += "    \(sign > 0 ? "+" : "-")\(stepMoney): \(parts.joined(separator: ", ")) " + w.pupilsCovered(pupils)
                out += (m.rateHolds(for: euros) ? "" : w.beyondRange) + "\n"
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                w.devices(w.figure(m.devicesPerEuro[k] * Double(step), 2), kind: w.kindName(kinds[k])) + w.per(stepMoney)
            }
            out += "    " + w.rateLine(rates.joined(separator: ", "), range: w.range(m.rangeLow, m.rangeHigh)) + "\n"
        }
        out += "\n" + w.rulesThatBind + "\n"
        if e.bindings.isEmpty { out += "  " + w.noRules + "\n" }
        for b in e.bindings {
            out += "  [\(w.rule(b.rule))] \(w.binding(b, kinds: kinds))"
            if !b.schools.isEmpty {
                let names = b.schools.prefix(8).map { id in plan.schools.first { $0.school.id == id }.map { "\(id) \(String($0.school.name.prefix(30)))" } ?? id }
                out += ":\n      " + names.joined(separator: "\n      ")
                    + (b.schools.count > 8 ? "\n      … " + w.andMore(b.schools.count - 8) : "")
            }
            out += "\n"
        }
        out += "\n" + w.weightsTitle + "\n"
        for r in e.weights {
            let range = w.weightRange(r.low.map { w.figure($0, 4) }, r.high.map { w.figure($0, 4) })
            out += "  \(w.label(r, kinds: kinds)) (\(w.schools(r.schools))): \(w.weight) \(w.decimal(r.weight)), \(range)\n"
        }
        out += "\n" + w.howComputed + w.basis(e.method) + "\n"
        return out
    }

    static func signed(_ n: Int, _ style: NumberStyle) -> String { (n >= 0 ? "+" : "") + style.int(n) }

    public static func json(_ e: Explanation, step: Int = 1000, language: ReportLanguage = .en) -> String {
        let w = ExplanationWords(language: language)
        let kinds = e.plan.kinds
        let doc: JSONValue = .object([
            ("scenario", .string(e.plan.scenario.name)),
            ("basis", .string(w.basis(e.method))),
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
                .object([("rule", .string(b.rule.rawValue)), ("text", .string(w.binding(b, kinds: kinds))), ("schools", .array(b.schools.map(JSONValue.string)))])
            })),
            ("weights", .array(e.weights.map { r in
                .object([("label", .string(w.label(r))), ("level", r.level.map(JSONValue.int) ?? .null),
                         ("group", .string(r.level.map(String.init) ?? r.kind ?? "")), ("weight", .number("\(r.weight)")),
                         ("low", r.low.map { .double($0) } ?? .null), ("high", r.high.map { .double($0) } ?? .null), ("schools", .int(r.schools))])
            })),
        ])
        return doc.render() + "\n"
    }
}
