import Foundation
import Allocation
import LinearProgramming
import Replacement

/// The words of the multi-year plan's errors (`years:` section, `allocate years`), German and English.
extension ErrorWords {
    public static func text(_ p: InputProblem.YearsProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case let .planningYears(first, last, most):
            return de ? "Planungsjahre \(first) bis \(last) gefunden, erwartet: 1 bis \(most) aufeinanderfolgende Jahre (years.last nicht vor years.first)"
                      : "found planning years \(first) to \(last), expected 1 to \(most) consecutive years (years.last not before years.first)"
        case let .yearlyValues(found, first, last):
            return de ? "\(found) Werte gefunden, erwartet: einer je Planungsjahr, also \(last - first + 1) (\(first)–\(last))"
                      : "found \(found) values, expected one per planning year, \(last - first + 1) (\(first)–\(last))"
        case .unknownSchool(let id):
            return de ? "Schulnummer „\(id)“ gefunden; erlaubt sind nur die Schulnummern der Schultabelle des Szenarios"
                      : "found school number '\(id)', allowed: only the school numbers of the scenario's school table"
        case .missingSchool(let id):
            return de ? "keine Zeile für die Schule \(id) des Szenarios; der frühere Plan muss jede Schule nennen"
                      : "no row for the scenario's school \(id); the earlier plan must name every school"
        case let .yearOutside(year, first, last):
            return de ? "Jahr \(year) gefunden, erwartet: ein Planungsjahr von \(first) bis \(last)"
                      : "found year \(year), expected a planning year from \(first) to \(last)"
        case let .purchaseYearNotBefore(year, first):
            return de ? "Kaufjahr \(year) gefunden, erwartet: ein Jahr vor dem ersten Planungsjahr \(first)"
                      : "found purchase year \(year), expected a year before the first planning year \(first)"
        case let .givenTwice(school, kind, year, firstLine):
            let what = kind.isEmpty ? (de ? "Schule \(school)" : "school \(school)")
                                    : (de ? "Schule \(school), Art „\(kind)“, Jahr \(year)" : "school \(school), kind '\(kind)', year \(year)")
            let earlier = firstLine.map { de ? " (zuerst in Zeile \($0))" : " (first on line \($0))" } ?? ""
            return de ? "\(what) steht zweimal da\(earlier); geben Sie eine Zeile je Eintrag an"
                      : "\(what) is given twice\(earlier); give one row each"
        case .grantPaysOperating:
            return de ? "„operating“ gefunden; eine Förderung (source: grant) zahlt nur investment, Betriebskosten zahlen Eigenmittel"
                      : "found 'operating'; a grant (source: grant) pays investment only, operating cost is paid from own money"
        case let .earlyNotBelowLife(early, life):
            return de ? "\(early) gefunden, erwartet: weniger Jahre als die Lebensdauer von \(life)"
                      : "found \(early), expected fewer years than the life of \(life)"
        case let .carryOverBefore(year, first):
            return de ? "\(year) gefunden, erwartet: ein Jahr ab \(first) oder „lapses“"
                      : "found \(year), expected a year from \(first) on or 'lapses'"
        case .notAPlan:
            return de ? "keine Liste „schools“ gefunden; erwartet: die plan.json eines früheren Laufs (allocate solve --out)"
                      : "no list 'schools' found; expected the plan.json of an earlier run (allocate solve --out)"
        case .planNeedsPurchaseYear:
            return de ? "„purchaseYear“ fehlt: das Jahr, in dem die Geräte des früheren Plans gekauft wurden"
                      : "missing 'purchaseYear': the year the earlier plan's devices were bought"
        case .kindNotDescribed(let kind):
            return de ? "die Geräteart „\(kind)“ des Szenarios fehlt; geben Sie lifeYears und price für sie an"
                      : "the scenario's device kind '\(kind)' is missing; give its lifeYears and price"
        case .rule(let r):
            return text(r, l)
        }
    }

    /// Why a multi-year scenario cannot hold: each year whose running cost the own money cannot pay.
    public static func text(_ e: ReplacementInfeasibility, _ l: ReportLanguage) -> String {
        let de = l == .de, n = NumberStyle(l)
        let years = e.shortfalls.map { s in
            let pools = s.pools.isEmpty ? (de ? "kein Topf darf Betriebskosten zahlen" : "no pool may pay operating cost")
                                        : (de ? "Töpfe für Betriebskosten: " : "pools for operating cost: ") + s.pools.joined(separator: ", ")
            return de
                ? "Die Eigenmittel von \(s.year) sind um \(money(s.missing, l)) zu knapp für die Betriebskosten der \(n.int(s.devices)) Geräte, die im Einsatz bleiben müssen (\(money(s.cost, l)); verfügbar höchstens \(money(s.available, l)) mit Übertrag\(residualNote(s.residualIncome, l)); \(pools))."
                : "The own money of \(s.year) is \(money(s.missing, l)) short for the running cost of the \(n.int(s.devices)) devices that must stay in service (\(money(s.cost, l)); available at most \(money(s.available, l)) with carry-over\(residualNote(s.residualIncome, l)); \(pools))."
        }
        return (de ? "Kein Mehrjahresplan erfüllt die Regeln. " : "No multi-year plan meets the rules. ") + years.joined(separator: " ")
            + (de ? " Erhöhen Sie das Geld dieser Jahre, senken Sie die Betriebskosten oder erlauben Sie früheren Ersatz (earlyYears)."
                  : " Raise that money, lower the operating cost or allow earlier replacement (earlyYears).")
    }

    public static func text(_ e: ReplacementPlanner.Failure, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch e {
        case .invalid(let issue): return text(issue, l)
        case .solver(let s): return text(s, l)
        case let .noPlan(name, status):
            let stage = YearsReport.stageName(name, l)
            switch status {
            case .infeasible:
                return de ? "kein Mehrjahresplan erfüllt die Regeln (Stufe „\(stage)“): Lebensdauern, Grenzen der Veränderung und Geld je Jahr gehen nicht zusammen; die Prüfung der Betriebskosten fand kein einzelnes Jahr, das zu knapp ist. Lockern Sie years.turbulence oder erhöhen Sie das Geld der ersten Jahre"
                          : "no multi-year plan meets the rules (stage '\(stage)'): lifespans, limits on change and money per year do not fit together; the check of running cost found no single year short. Loosen years.turbulence or raise the money of the first years"
            case .workLimit:
                return de ? "GLPKs Suche endete an ihrer Arbeitsgrenze, bevor ein ganzzahliger Plan gefunden war (Stufe „\(stage)“): die Regeln lassen kaum einen Plan zu. Lockern Sie years.turbulence oder erhöhen Sie das Geld der ersten Jahre"
                          : "GLPK's search ended at its work limit before a whole-device plan was found (stage '\(stage)'): the rules leave hardly any plan. Loosen years.turbulence or raise the money of the first years"
            default:
                return de ? "die Zeitgrenze endete, bevor ein ganzzahliger Plan gefunden war (Stufe „\(stage)“: \(status.rawValue)); erhöhen Sie --time-limit"
                          : "the time limit ended before a whole-device plan was found (stage '\(stage)': \(status.rawValue)); raise --time-limit"
            }
        case .unverified(let v):
            return (de ? "interner Fehler: der Plan hat die Prüfung in Cent nicht bestanden (bitte melden Sie das):\n  "
                       : "internal error: the plan failed its check in cents (please report this):\n  ") + v.prefix(20).joined(separator: "\n  ")
        }
    }
}
