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
            if m.pool.budget == .zero && m.spent == .zero {
                out += "    empty: a budget of 0.00 € buys nothing; the rate below is what the first euros would buy\n"
            }
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
                    "\(m.devices(for: euros, kind: k) >= 0 ? "+" : "")\(groupDigits(m.devices(for: euros, kind: k), separator: ",")) \(kinds[k].id) devices"
                }
                let pupils = pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }
                out += "    \(sign > 0 ? "+" : "-")\(Money(cents: step * 100).formatted): \(parts.joined(separator: ", ")) (\(pupils >= 0 ? "+" : "")\(groupDigits(pupils, separator: ",")) pupils covered)"
                out += m.rateHolds(for: euros) ? "\n" : " — beyond the range where the rate holds\n"
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                "\(fixed(m.devicesPerEuro[k] * Double(step), 2)) \(kinds[k].id) devices per \(Money(cents: step * 100).formatted)"
            }
            out += "    rate: \(rates.joined(separator: ", ")); holds for budgets \(rangeText(m.rangeLow, m.rangeHigh))\n"
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
            let range: String
            switch (w.low, w.high) {
            case let (lo?, hi?): range = "stays while between \(fixed(lo, 4)) and \(fixed(hi, 4))"
            case let (lo?, nil): range = "stays for any weight from \(fixed(lo, 4)) up"
            case let (nil, hi?): range = "stays for any weight up to \(fixed(hi, 4))"
            case (nil, nil): range = "stays whatever the weight"
            }
            out += "  \(w.label) (\(w.schools) schools): weight \(w.weight), \(range)\n"
        }
        out += "\nHow this was computed: \(Explanation.basis)\n"
        return out
    }

    /// "from A to B", "from A upwards", "up to B", "of any size": never "between no limit and no limit".
    static func rangeText(_ low: Money?, _ high: Money?) -> String {
        switch (low, high) {
        case let (lo?, hi?): return "from \(lo.formatted) to \(hi.formatted)"
        case let (lo?, nil): return "from \(lo.formatted) upwards"
        case let (nil, hi?): return "up to \(hi.formatted)"
        case (nil, nil): return "of any size"
        }
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
