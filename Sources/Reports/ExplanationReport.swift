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
        var out = "\(plan.scenario.name)\n\(w.t("Zielfunktion", "Objective")): \(plan.scenario.objective.rawValue)\n\n"
        out += w.t("Was \(stepMoney) mehr oder weniger in jedem Förderprogramm bewirken würden\n",
                   "What \(stepMoney) more or less in each pool would do\n")
        for m in e.pools {
            out += "  \(m.pool.name) (\(w.t("Budget", "budget")) \(n.money(m.pool.budget)), \(w.t("ausgegeben", "spent")) \(n.money(m.spent)))\n"
            if m.pool.budget == .zero && m.spent == .zero {
                out += w.t("    leer: ein Budget von \(n.money(.zero)) kauft nichts; die Rate unten ist, was die ersten Euro kaufen würden\n",
                           "    empty: a budget of \(n.money(.zero)) buys nothing; the rate below is what the first euros would buy\n")
            }
            guard m.isBinding, m.devicesPerEuro.contains(where: { abs($0) > 1e-12 }) else {
                let left = n.money(m.pool.budget - m.spent)
                out += w.t("    nicht begrenzend: +/-\(stepMoney) ändert keine Gerätezahl (\(left) übrig)\n",
                           "    not limiting: +/-\(stepMoney) changes no device count (\(left) left)\n")
                out += w.t("    Rate: 0 Geräte je \(stepMoney); gilt für Budgets ab \(n.money(m.spent)) (dem Ausgegebenen)\n",
                           "    rate: 0 devices per \(stepMoney); holds for budgets from \(n.money(m.spent)) (what is spent) upwards\n")
                continue
            }
            for sign in [1, -1] {
                let euros = sign * step
                if sign < 0 && m.pool.budget.cents < step * 100 {
                    out += w.t("    -\(stepMoney): nicht möglich, das Budget ist kleiner\n", "    -\(stepMoney): not possible, the budget is smaller\n")
                    continue
                }
                let parts = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                    w.devices(signed(m.devices(for: euros, kind: k), n), kind: w.kindName(kinds[k]), one: abs(m.devices(for: euros, kind: k)) == 1)
                }
                let pupils = signed(pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }, n)
                out += "    \(sign > 0 ? "+" : "-")\(stepMoney): \(parts.joined(separator: ", ")) "
                    + w.t("(\(pupils) versorgte Schülerinnen und Schüler)", "(\(pupils) pupils covered)")
                out += m.rateHolds(for: euros) ? "\n" : w.t(" — außerhalb des Bereichs, in dem die Rate gilt\n", " — beyond the range where the rate holds\n")
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                w.devices(w.figure(m.devicesPerEuro[k] * Double(step), 2), kind: w.kindName(kinds[k])) + w.t(" je ", " per ") + stepMoney
            }
            out += w.t("    Rate: \(rates.joined(separator: ", ")); gilt für Budgets \(w.range(m.rangeLow, m.rangeHigh))\n",
                       "    rate: \(rates.joined(separator: ", ")); holds for budgets \(w.range(m.rangeLow, m.rangeHigh))\n")
        }
        out += w.t("\nBindende Regeln\n", "\nRules that bind\n")
        if e.bindings.isEmpty { out += w.t("  keine\n", "  none\n") }
        for b in e.bindings {
            out += "  [\(w.rule(b.rule))] \(w.binding(b))"
            if !b.schools.isEmpty {
                let names = b.schools.prefix(8).map { id in plan.schools.first { $0.school.id == id }.map { "\(id) \(String($0.school.name.prefix(30)))" } ?? id }
                out += ":\n      " + names.joined(separator: "\n      ")
                    + (b.schools.count > 8 ? "\n      … " + w.t("und \(b.schools.count - 8) weitere", "and \(b.schools.count - 8) more") : "")
            }
            out += "\n"
        }
        out += w.t("\nWie weit sich jedes Bedarfsgewicht bewegen darf, bevor sich die Gerätezahl einer Schule ändert\n",
                   "\nHow far each need weight may move before any school's device count changes\n")
        for r in e.weights {
            let range: String
            switch (r.low, r.high) {
            case let (lo?, hi?): range = w.t("bleibt gleich zwischen \(w.figure(lo, 4)) und \(w.figure(hi, 4))", "stays while between \(w.figure(lo, 4)) and \(w.figure(hi, 4))")
            case let (lo?, nil): range = w.t("bleibt gleich für jedes Gewicht ab \(w.figure(lo, 4))", "stays for any weight from \(w.figure(lo, 4)) up")
            case let (nil, hi?): range = w.t("bleibt gleich für jedes Gewicht bis \(w.figure(hi, 4))", "stays for any weight up to \(w.figure(hi, 4))")
            case (nil, nil): range = w.t("bleibt bei jedem Gewicht gleich", "stays whatever the weight")
            }
            out += "  \(w.label(r)) (\(w.schools(r.schools))): \(w.t("Gewicht", "weight")) \(w.decimal(r.weight)), \(range)\n"
        }
        out += w.t("\nWie das berechnet wurde: ", "\nHow this was computed: ") + w.basis(e.method) + "\n"
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
                .object([("rule", .string(b.rule.rawValue)), ("text", .string(w.binding(b))), ("schools", .array(b.schools.map(JSONValue.string)))])
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
