import Foundation
import Allocation

/// `allocate explain`: the marginal value of each pool, the binding rules and the weight ranges,
/// in euros, devices and pupils.
public enum ExplanationReport {
    public static func text(_ e: Explanation, step: Int = 1000) -> String {
        let plan = e.plan, kinds = plan.kinds
        let pupilKinds = kinds.indices.filter { kinds[$0].basis == .pupils }
        var out = "\(plan.scenario.name)\nObjective: \(plan.scenario.objective.rawValue)\n\n"
        out += "What \(Money(cents: step * 100).formatted) more or less in each pool would do\n"
        for m in e.pools {
            out += "  \(m.pool.name) (budget \(m.pool.budget.formatted), spent \(m.spent.formatted))\n"
            guard m.isBinding, m.devicesPerEuro.contains(where: { abs($0) > 1e-12 }) else {
                out += "    not limiting: +/-\(Money(cents: step * 100).formatted) changes no device count (\((m.pool.budget - m.spent).formatted) left)\n"
                out += "    rate: 0 devices per \(Money(cents: step * 100).formatted); holds for budgets from \(m.spent.formatted) (what is spent) upwards\n"
                continue
            }
            for sign in [1, -1] {
                let euros = sign * step
                if sign < 0 && m.pool.budget.cents < step * 100 {
                    out += "    -\(Money(cents: step * 100).formatted): not possible, the budget is smaller\n"
                    continue
                }
                let parts = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                    "\(m.devices(for: euros, kind: k) >= 0 ? "+" : "")\(m.devices(for: euros, kind: k)) \(kinds[k].id) devices"
                }
                let pupils = pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }
                out += "    \(sign > 0 ? "+" : "-")\(Money(cents: step * 100).formatted): \(parts.joined(separator: ", ")) (\(pupils >= 0 ? "+" : "")\(pupils) pupils covered)"
                out += m.rateHolds(for: euros) ? "\n" : " — beyond the range where the rate holds\n"
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                "\(fixed(m.devicesPerEuro[k] * Double(step), 2)) \(kinds[k].id) devices per \(Money(cents: step * 100).formatted)"
            }
            out += "    rate: \(rates.joined(separator: ", ")); holds for budgets from \(m.rangeLow?.formatted ?? "0") to \(m.rangeHigh?.formatted ?? "no limit")\n"
        }
        out += "\nRules that bind\n"
        if e.bindings.isEmpty { out += "  none\n" }
        for b in e.bindings {
            out += "  [\(b.rule.rawValue)] \(b.text)"
            if !b.schools.isEmpty {
                let names = b.schools.prefix(8).map { id in plan.schools.first { $0.school.id == id }.map { "\(id) \(String($0.school.name.prefix(30)))" } ?? id }
                out += ":\n      " + names.joined(separator: "\n      ") + (b.schools.count > 8 ? "\n      … and \(b.schools.count - 8) more" : "")
            }
            out += "\n"
        }
        out += "\nHow far each need weight may move before any school's device count changes\n"
        for w in e.weights {
            out += "  \(w.label) (\(w.schools) schools): weight \(w.weight), stays while between \(w.low.map { fixed($0, 4) } ?? "no limit") and \(w.high.map { fixed($0, 4) } ?? "no limit")\n"
        }
        out += "\nHow this was computed: \(Explanation.basis)\n"
        return out
    }

    public static func json(_ e: Explanation, step: Int = 1000) -> String {
        let kinds = e.plan.kinds
        let doc: JSONValue = .object([
            ("scenario", .string(e.plan.scenario.name)),
            ("basis", .string(Explanation.basis)),
            ("step", .money(Money(cents: step * 100))),
            ("pools", .array(e.pools.map { m in
                .object([
                    ("id", .string(m.pool.id)), ("budget", .money(m.pool.budget)), ("spent", .money(m.spent)),
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
                .object([("label", .string(w.label)), ("level", w.level.map(JSONValue.int) ?? .null), ("weight", .number("\(w.weight)")),
                         ("low", w.low.map { .double($0) } ?? .null), ("high", w.high.map { .double($0) } ?? .null), ("schools", .int(w.schools))])
            })),
        ])
        return doc.render() + "\n"
    }
}
