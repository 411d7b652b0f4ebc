import Foundation
import Allocation
import LinearProgramming

/// `allocate explain`: the marginal value of each pool, the binding rules and the weight ranges,
/// in euros, devices and pupils. `Explanation` holds the facts; this words them, in German or
/// English (English by default: `explain` has no language option yet, its output is English).
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
                    w.devices(signed(m.devices(for: euros, kind: k), n), kind: kinds[k].id, one: abs(m.devices(for: euros, kind: k)) == 1)
                }
                let pupils = signed(pupilKinds.reduce(0) { $0 + m.devices(for: euros, kind: $1) }, n)
                out += "    \(sign > 0 ? "+" : "-")\(stepMoney): \(parts.joined(separator: ", ")) "
                    + w.t("(\(pupils) versorgte Schülerinnen und Schüler)", "(\(pupils) pupils covered)")
                out += m.rateHolds(for: euros) ? "\n" : w.t(" — außerhalb des Bereichs, in dem die Rate gilt\n", " — beyond the range where the rate holds\n")
            }
            let rates = kinds.indices.filter { abs(m.devicesPerEuro[$0]) > 1e-12 }.map { k in
                w.devices(w.figure(m.devicesPerEuro[k] * Double(step), 2), kind: kinds[k].id) + w.t(" je ", " per ") + stepMoney
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

/// The words of `explain` in both languages, side by side.
struct ExplanationWords {
    let language: ReportLanguage
    var numbers: NumberStyle { NumberStyle(language) }
    func t(_ de: String, _ en: String) -> String { language == .de ? de : en }

    /// "+3 pupil devices" / "+3 Geräte (pupil)".
    func devices(_ count: String, kind: String, one: Bool = false) -> String {
        t("\(count) \(one ? "Gerät" : "Geräte") (\(kind))", "\(count) \(kind) devices")
    }

    /// "4 Schulen", "1 Schule" / "4 schools" (English as it always was, "1 schools" too).
    func schools(_ n: Int) -> String { t("\(count(n)) \(n == 1 ? "Schule" : "Schulen")", "\(count(n)) schools") }

    /// A figure with fixed decimals and no grouping: "2.8818" / "2,8818".
    func figure(_ v: Double, _ decimals: Int) -> String {
        let s = fixed(v, decimals)
        return language == .de ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A count of schools: "1.234" in German; English as it always was, ungrouped.
    func count(_ n: Int) -> String { language == .de ? numbers.int(n) : String(n) }

    /// A decimal as the scenario holds it: "1.125" / "1,125".
    func decimal(_ d: Decimal) -> String {
        language == .de ? "\(d)".replacingOccurrences(of: ".", with: ",") : "\(d)"
    }

    /// "from A to B", "from A upwards", "up to B", "of any size": never "between no limit and no limit".
    func range(_ low: Money?, _ high: Money?) -> String {
        let n = numbers
        switch (low, high) {
        case let (lo?, hi?): return t("von \(n.money(lo)) bis \(n.money(hi))", "from \(n.money(lo)) to \(n.money(hi))")
        case let (lo?, nil): return t("ab \(n.money(lo))", "from \(n.money(lo)) upwards")
        case let (nil, hi?): return t("bis \(n.money(hi))", "up to \(n.money(hi))")
        case (nil, nil): return t("jeder Höhe", "of any size")
        }
    }

    /// "level 7" / "Stufe 7", or the id of a device kind weighted on its own.
    func label(_ r: Explanation.WeightRange) -> String {
        r.level.map { t("Stufe \($0)", "level \($0)") } ?? r.kind ?? ""
    }

    func rule(_ r: Explanation.Binding.Rule) -> String {
        guard language == .de else { return r.rawValue }
        switch r {
        case .budget: return "Budget"
        case .cap: return "Höchstbetrag"
        case .floor: return "Mindestabdeckung"
        case .coverage: return "Abdeckung"
        case .need: return "Bedarf"
        }
    }

    func binding(_ b: Explanation.Binding) -> String {
        let n = numbers, atSchools = schools(b.schools.count)
        switch b.fact {
        case let .budgetExhausted(pool, left, oneMore):
            return t("\(pool): Budget ausgeschöpft (\(n.money(left)) übrig, weniger als die \(n.money(oneMore)), die ein weiteres Gerät kosten würde)",
                     "\(pool): budget exhausted (\(n.money(left)) left, less than the \(n.money(oneMore)) one more device would take)")
        case let .capBinds(pool, kind, cap, price, pays, rate, devices):
            return t("\(pool): der Höchstbetrag von \(n.money(cap)) je Gerät (\(kind)) greift (Preis \(n.money(price))); es zahlt \(n.money(pays)) (\(decimal(rate * 100)) % des Höchstbetrags) für jedes von \(n.int(devices)) Geräten, der Rest ist Eigenanteil",
                     "\(pool): the cap of \(n.money(cap)) per \(kind) device binds (price \(n.money(price))); it pays \(n.money(pays)) (\(decimal(rate * 100)) % of the cap) for each of \(n.int(devices)) devices, the rest is own share")
        case let .floorHolds(kind, floor):
            return t("\(kind): die Mindestabdeckung von \(decimal(floor * 100)) % wird an \(atSchools) genau erreicht",
                     "\(kind): the coverage floor of \(decimal(floor * 100)) % holds at \(atSchools)")
        case let .heldAtCoverage(kind, coverage):
            // Rounded down by the one share rule: a guarantee is never printed above what is proven.
            return t("\(kind): \(atSchools) \(b.schools.count == 1 ? "wird" : "werden") auf der garantierten Abdeckung von \(n.share(Share(coverage))) gehalten",
                     "\(kind): \(atSchools) are held at the guaranteed coverage of \(n.share(Share(coverage)))")
        case let .needMet(kind):
            return t("\(kind): Bedarf voll gedeckt (die Bedarfsgrenze bindet) an \(atSchools)",
                     "\(kind): need fully met (the need limit binds) at \(atSchools)")
        }
    }

    /// What the numbers were computed on, naming the solver's analysis (stated in every output).
    func basis(_ method: SensitivityMethod) -> String {
        let routines = method.routines.isEmpty ? "" : " (" + method.routines.joined(separator: ", ") + ")"
        return t("""
            Grenzwerte und Bereiche stammen aus der Sensitivitätsanalyse von \(method.solver)\(routines) für das lineare \
            Programm der Stufe „bedarfsgewichtete Geräte“ ohne Ganzzahligkeit: für die Förderprogramme bei den \
            Mindestabdeckungen des Szenarios, für die Gewichte bei den unteren Schranken des Plans (bei maximin: seiner \
            bewiesenen Abdeckung). Eine Rate gilt über den angegebenen Budgetbereich, auch über Basiswechsel hinweg, die \
            sie unverändert lassen; ganze Geräte werden zur Null hin gerundet, daher kann ein neu gelöster ganzzahliger \
            Plan um ein Gerät abweichen.
            """, """
            Marginal values and ranges come from \(method.solver)'s sensitivity analysis\(routines) of the linear program \
            of the need-weighted-devices stage with the integer requirements relaxed: for pools at the scenario's floors, \
            for weights at the plan's lower bounds (for maximin: its proven coverage). A rate holds over the budget range \
            given, across basis changes that leave it the same; whole devices are rounded towards zero, so a re-solved \
            integer plan may differ by one device.
            """)
    }
}
