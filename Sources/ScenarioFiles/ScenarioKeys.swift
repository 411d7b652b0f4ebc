import Foundation
import Allocation

/// One key a scenario file may spell: its path pattern, value type, allowed range, and how a
/// person reads it (label and help text in German and English).
///
/// Path patterns name their variable parts in angle brackets: `pools.<pool>.fundingRate` is
/// `pools.sofort.fundingRate` in a file; `schedule.periods[].label` is a key of every item of
/// the `periods` list.
public struct ScenarioKey: Sendable, Equatable {
    public enum ValueType: String, Sendable, Equatable {
        case text, money, number, integer, boolean, choice, list, mapping, path, date
    }
    public let path: String
    public let type: ValueType
    /// The allowed range of a number or an amount (domain limits: `ScenarioLimits`).
    public let range: ValueRange?
    /// How a message names what is allowed ("a funding rate above 0 and at most 1").
    public let what: Allowed
    public let labelDe: String
    public let labelEn: String
    public let helpDe: String
    public let helpEn: String
    /// The planner's slider step, for the keys it offers.
    public let step: String?
    /// How a plan's scenario spells this key's value, as the file would (the audit record's
    /// flattening). nil for keys that are not resolved values (files, sections, schedule).
    public let value: ScenarioValueReader?

    public func label(german: Bool) -> String { german ? labelDe : labelEn }
    public func help(german: Bool) -> String { german ? helpDe : helpEn }

    /// The parts of the pattern ("pools", "<pool>", "fundingRate"), split once: `--set` looks
    /// a key path up in the whole table, and a path of thousands of parts must not split every
    /// pattern again for each of them (a 60 KB key path took 30 s; found by FuzzOverride).
    let parts: [String]
}

/// Reads the value(s) of one key from a resolved `Scenario`: for each concrete key, the ids
/// that fill the pattern's `<…>` parts, in order, and the value as text. The reader is part of
/// the key's entry; two entries with the same path are the same key, so it takes no part in `==`.
public struct ScenarioValueReader: Sendable, Equatable {
    public let read: @Sendable (Scenario) -> [(ids: [String], value: String)]
    public init(_ read: @escaping @Sendable (Scenario) -> [(ids: [String], value: String)]) { self.read = read }
    public static func == (_: Self, _: Self) -> Bool { true }
}

/// The one table of scenario keys. The loader takes the keys each section allows, and the
/// ranges it checks, from here; `--set` checks its key paths against it (with "did you mean");
/// the audit record spells its keys from it; the web planner's form takes labels, help texts
/// and slider ranges from it (and its OpenAPI schema describes that form). Adding a scenario
/// value is one entry here plus its use (the domain type, the section reader that reads it).
public enum ScenarioKeys {
    public static let all: [ScenarioKey] = [
        // Top level.
        k("extends", .path, what: .worded(en: "the path of the scenario this one extends", de: "der Pfad des Szenarios, das dieses erweitert"),
          de: "Erweitert", en: "Extends",
          helpDe: "Pfad des Szenarios, dessen Werte dieses übernimmt und ändert.",
          helpEn: "Path of the scenario whose values this one takes and changes."),
        k("schedule", .mapping, what: .worded(en: "the roll-out schedule section", de: "der Abschnitt zum Auslieferungsplan"),
          de: "Zeitplan", en: "Schedule",
          helpDe: "Auslieferungszeitplan: Zeiträume, Lieferungen, Einrichtungskapazität, Fristen.",
          helpEn: "Roll-out schedule: periods, deliveries, imaging capacity, deadlines."),
        k("authorities", .mapping, what: .worded(en: "the authorities' key and reference authority", de: "der Schlüssel der Schulträger und der Referenzträger"),
          de: "Schulträger", en: "School authorities",
          helpDe: "Schlüssel, nach dem Töpfe auf die Schulträger verteilt werden, und der Referenzträger.",
          helpEn: "The key by which pools are split among school authorities, and the reference authority."),
        k("name", .text, what: .worded(en: "the scenario's name", de: "der Name des Szenarios"), de: "Name", en: "Name",
          helpDe: "Name des Szenarios, wie Berichte ihn zeigen.", helpEn: "The scenario's name as reports show it.",
          value: one { $0.name }),
        k("description", .text, what: .worded(en: "a description", de: "eine Beschreibung"), de: "Beschreibung", en: "Description",
          helpDe: "Freier Text zum Szenario.", helpEn: "Free text about the scenario."),
        k("schools", .mapping, what: .worded(en: "the school table section", de: "der Abschnitt zur Schultabelle"), de: "Schulen", en: "Schools",
          helpDe: "Schultabelle (CSV), Spaltennamen, Filter und Korrekturen einzelner Schulen.",
          helpEn: "School table (CSV), column names, filters and corrections of single schools."),
        k("teachers", .mapping, what: .worded(en: "the teacher estimate section", de: "der Abschnitt zur Schätzung der Lehrkräfte"), de: "Lehrkräfte", en: "Teachers",
          helpDe: "Schätzung der Lehrkräfte je Schule aus Kennzahlen je Schulform.",
          helpEn: "Estimate of each school's teachers from key figures per school form."),
        k("deviceKinds", .mapping, what: .worded(en: "the device kinds", de: "die Gerätearten"), de: "Gerätearten", en: "Device kinds",
          helpDe: "Die Geräte (mit Zubehör, Einrichtung, Lizenz), für die Bedarf besteht.",
          helpEn: "The device bundles (with accessories, setup, licence) that meet a need."),
        k("pools", .mapping, what: .worded(en: "the funding pools", de: "die Förderprogramme"), de: "Töpfe", en: "Pools",
          helpDe: "Die Geldquellen (Förderprogramme, eigene Mittel) und ihre Regeln.",
          helpEn: "The sources of money (programmes, own money) and their rules."),
        k("need", .mapping, what: .worded(en: "the need rules", de: "die Bedarfsregeln"), de: "Bedarf", en: "Need",
          helpDe: "Wie sich der Bedarf an Leihgeräten aus den Zahlen der Schule ergibt.",
          helpEn: "How the need for loan devices follows from a school's figures."),
        k("objective", .choice, what: .worded(en: "maximin, weighted, min-cost or proportional", de: "maximin, weighted, min-cost oder proportional"),
          de: "Zielfunktion", en: "Objective",
          helpDe: "maximin: die kleinste Bedarfsdeckung so groß wie möglich; weighted: gewichtete Geräte; min-cost: Mindestversorgung mit möglichst wenig eigenem Geld; proportional: jede Schule denselben Anteil ihres Bedarfs.",
          helpEn: "maximin: the smallest coverage as large as possible; weighted: weighted devices; min-cost: the floors at the least own money; proportional: every school the same share of its need.",
          value: one { $0.objective.rawValue }),
        k("maximin", .mapping, what: .worded(en: "the maximin rule", de: "die Regel der Mindestabdeckung (maximin)"), de: "Regel der Mindestabdeckung (maximin)", en: "Maximin rule",
          helpDe: "Garantie je Geräteart oder gemeinsam, und die Reihenfolge der Gerätearten.",
          helpEn: "Guarantee per device kind or joint, and the order of the kinds."),
        k("solver", .mapping, what: .worded(en: "the solver settings", de: "die Einstellungen des Solvers"), de: "Solver", en: "Solver",
          helpDe: "Genauigkeit und Zeitgrenze der Optimierung.", helpEn: "Accuracy and time limit of the optimisation."),

        // Device kinds.
        k("deviceKinds.<kind>", .mapping, what: .worded(en: "a device kind", de: "eine Geräteart"), de: "Geräteart", en: "Device kind",
          helpDe: "Eine Geräteart mit Kennung.", helpEn: "One device kind, by its id."),
        k("deviceKinds.<kind>.label", .text, what: .worded(en: "a label", de: "eine Bezeichnung"), de: "Bezeichnung", en: "Label",
          helpDe: "Name der Geräteart in Berichten.", helpEn: "The kind's name in reports.",
          value: eachKind { $0.label }),
        k("deviceKinds.<kind>.basis", .choice, what: .worded(en: "pupils, teachers", de: "pupils (Schülerinnen und Schüler), teachers (Lehrkräfte)"), de: "Bedarfsgrundlage", en: "Basis",
          helpDe: "pupils: Leihgeräte für Schülerinnen und Schüler; teachers: ein Gerät je Lehrkraft.",
          helpEn: "pupils: loan devices for pupils; teachers: one device per teacher.",
          value: eachKind { $0.basis.rawValue }),
        k("deviceKinds.<kind>.unitPrice", .money, range: ScenarioLimits.positiveMoney,
          what: .money(positive: true), de: "Stückpreis", en: "Unit price",
          helpDe: "Preis je Gerät mit Zubehör, Einrichtung und Lizenz, in Euro.",
          helpEn: "Price of one device bundle (device, accessories, setup, licence) in euros.", step: "1",
          value: eachKind { $0.unitPrice.plain }),
        k("deviceKinds.<kind>.priorityWeight", .number, range: ScenarioLimits.priorityWeight,
          what: .weight, de: "Prioritätsgewicht", en: "Priority weight",
          helpDe: "Gewicht eines Lehrkräftegeräts in der gewichteten Zielfunktion (Schülergeräte: Gewicht der Sozialindexstufe).",
          helpEn: "Weight of one teacher device in the weighted objective (pupil devices: the index level's weight).", step: "0.125",
          value: eachKind { "\($0.priorityWeight)" }),
        k("deviceKinds.<kind>.coverageFloor", .number, range: ScenarioLimits.coverageFloor,
          what: .shareOfNeed, de: "Mindestversorgung", en: "Coverage floor",
          helpDe: "Jede Schule erhält mindestens diesen Anteil ihres Bedarfs (aufgerundet).",
          helpEn: "Every school gets at least this share of its need (rounded up).", step: "0.01",
          value: eachKind { "\($0.coverageFloor)" }),

        // Pools.
        k("pools.<pool>", .mapping, what: .worded(en: "a pool", de: "ein Förderprogramm"), de: "Topf", en: "Pool",
          helpDe: "Ein Topf mit Kennung.", helpEn: "One pool, by its id."),
        k("pools.<pool>.name", .text, what: .worded(en: "a name", de: "ein Name"), de: "Name", en: "Name",
          helpDe: "Name des Topfs in Berichten.", helpEn: "The pool's name in reports.",
          value: eachPool { $0.name }),
        k("pools.<pool>.budget", .money, range: ScenarioLimits.money,
          what: .money(positive: false), de: "Budget", en: "Budget",
          helpDe: "Geld des Topfs in Euro; bei einem aufgeteilten Topf das Budget des Referenzträgers.",
          helpEn: "The pool's money in euros; for a split pool, the reference authority's budget.", step: "1000",
          value: eachPool { $0.budget.plain }),
        k("pools.<pool>.kinds", .list, what: .worded(en: "a list of device kind ids", de: "eine Liste von Kennungen von Gerätearten"), de: "Gerätearten", en: "Device kinds",
          helpDe: "Die Gerätearten, die der Topf bezahlen darf.", helpEn: "The device kinds the pool may pay for.",
          value: eachPool { $0.kinds.joined(separator: ", ") }),
        k("pools.<pool>.rule", .choice, what: .worded(en: "grant, remainder or any", de: "grant, remainder oder any"), de: "Regel", en: "Rule",
          helpDe: "grant: zahlt eine Quote der gedeckelten Kosten je Gerät; remainder: zahlt Eigenanteile und Kosten über den Deckeln; any: zahlt jeden Teil.",
          helpEn: "grant: pays a rate of capped cost per device; remainder: pays own shares and cost above caps; any: pays any part.",
          value: eachPool { p in switch p.rule { case .grant: "grant"; case .remainder: "remainder"; case .any: "any" } }),
        k("pools.<pool>.fundingRate", .number, range: ScenarioLimits.fundingRate,
          what: .fundingRate, de: "Förderquote", en: "Funding rate",
          helpDe: "Anteil der förderfähigen Kosten je Gerät, den die Förderung zahlt (0,9 = 90 %); förderfähig ist der Preis bis zur Obergrenze je Gerät.",
          helpEn: "Share of a device's eligible cost the grant pays (0.9 = 90 %); eligible is the price up to the cap per device.", step: "0.01",
          value: eachPool { p in if case let .grant(rate, _) = p.rule { "\(rate)" } else { nil } }),
        k("pools.<pool>.capPerDevice", .money, range: ScenarioLimits.positiveMoney,
          what: .money(positive: true), de: "Obergrenze je Gerät", en: "Cap per device",
          helpDe: "Höchster förderfähiger Preis je Gerät in Euro; was darüber liegt, zahlt ein anderer Topf.",
          helpEn: "Highest eligible price per device in euros; the rest is paid by another pool.", step: "1",
          value: eachPool { p in if case let .grant(_, cap) = p.rule { cap.plain } else { nil } }),
        k("pools.<pool>.ownMoney", .boolean, what: .trueOrFalse, de: "Eigenmittel", en: "Own money",
          helpDe: "Geld der Stadt: wird in jeder Zielfunktion zuletzt ausgegeben.",
          helpEn: "The city's own money: spent last in every objective.",
          value: eachPool { $0.isOwnMoney ? "true" : "false" }),
        k("pools.<pool>.split", .mapping, what: .worded(en: "none, authorities, or a mapping with 'by'", de: "none, authorities oder eine Zuordnung mit „by“"),
          de: "Aufteilung auf Schulträger", en: "Split among authorities",
          helpDe: "none, authorities (Budget des Referenzträgers, nach dem Schlüssel skaliert) oder by: key|perDevice|table.",
          helpEn: "none, authorities (the reference authority's budget, scaled by the key) or by: key|perDevice|table."),
        k("pools.<pool>.split.by", .choice, what: .worded(en: "key, perDevice or table", de: "key, perDevice oder table"), de: "Aufteilungsregel", en: "Split rule",
          helpDe: "key: Schülerinnen und Schüler gewichtet nach Sozialindex; perDevice: Betrag je Lehrkraft oder Schüler; table: Beträge je Träger aus einer CSV-Datei.",
          helpEn: "key: pupils weighted by index level; perDevice: an amount per teacher or pupil; table: amounts per authority from a CSV file."),
        k("pools.<pool>.split.stateTotal", .money, range: ScenarioLimits.money,
          what: .money(positive: false), de: "Landessumme", en: "State total",
          helpDe: "Gesamtbetrag des Landes; jeder Träger erhält seinen Anteil nach dem Schlüssel.",
          helpEn: "The state's total; each authority gets its share by the key.", step: "1000"),
        k("pools.<pool>.split.perDevice", .money, range: ScenarioLimits.positiveMoney,
          what: .money(positive: true), de: "Betrag je Gerät", en: "Amount per device",
          helpDe: "Betrag je Lehrkraft oder Schüler der Grundlage; jeder Träger erhält ihn mal seiner Zahl.",
          helpEn: "Amount per teacher or pupil of the basis; each authority gets it times its count.", step: "1"),
        k("pools.<pool>.split.basis", .choice, what: .worded(en: "pupils, teachers", de: "pupils (Schülerinnen und Schüler), teachers (Lehrkräfte)"), de: "Grundlage", en: "Basis",
          helpDe: "Wonach der Betrag je Gerät zählt: pupils oder teachers.", helpEn: "What the amount per device counts: pupils or teachers."),
        k("pools.<pool>.split.file", .path, what: .worded(en: "a CSV file path", de: "der Pfad einer CSV-Datei"), de: "Zuweisungstabelle", en: "Allocation table",
          helpDe: "CSV-Datei mit einer Zeile je Träger: Schlüssel und Betrag in Euro.",
          helpEn: "CSV file with a row per authority: its key and its amount in euros."),
        k("pools.<pool>.split.columns", .mapping, what: .worded(en: "the table's column names", de: "die Spaltennamen der Tabelle"), de: "Spalten", en: "Columns",
          helpDe: "Spaltennamen der Zuweisungstabelle.", helpEn: "Column names of the allocation table."),
        k("pools.<pool>.split.columns.authority", .text, what: .worded(en: "a column name", de: "ein Spaltenname"), de: "Spalte Träger", en: "Authority column",
          helpDe: "Spalte mit dem Trägerschlüssel.", helpEn: "Column with the authority key."),
        k("pools.<pool>.split.columns.amount", .text, what: .worded(en: "a column name", de: "ein Spaltenname"), de: "Spalte Betrag", en: "Amount column",
          helpDe: "Spalte mit dem Betrag in Euro.", helpEn: "Column with the amount in euros."),
        k("pools.<pool>.split.checkAgainst", .money, range: ScenarioLimits.money,
          what: .money(positive: false), de: "Vergleichswert", en: "Check against",
          helpDe: "Amtliche Summe, mit der die abgeleitete Landessumme verglichen wird.",
          helpEn: "Official total the derived state total is compared with."),
        k("pools.<pool>.split.checkSource", .text, what: .worded(en: "a source", de: "eine Quelle"), de: "Quelle des Vergleichswerts", en: "Source of the check",
          helpDe: "Woher der Vergleichswert stammt.", helpEn: "Where the figure checked against comes from."),

        // Authorities.
        k("authorities.reference", .text, what: .worded(en: "an authority key (e.g. 5913000)", de: "ein Schlüssel eines Schulträgers (z. B. 5913000)"), de: "Referenzträger", en: "Reference authority",
          helpDe: "Träger, dessen Budgets die Töpfe angeben; die anderen werden nach dem Schlüssel skaliert.",
          helpEn: "Authority whose budgets the pools give; the others are scaled by the key."),
        k("authorities.key", .mapping, what: .worded(en: "the pupil key", de: "der Schülerschlüssel"), de: "Schlüssel", en: "Key",
          helpDe: "Gewichte der Schülerinnen und Schüler je Sozialindexstufe.", helpEn: "Pupil weights per index level."),
        k("authorities.key.pupilWeightByLevel", .mapping, what: .worded(en: "a weight for each index level 1-9", de: "ein Gewicht für jede Indexstufe 1–9"),
          de: "Gewicht je Stufe", en: "Weight by level",
          helpDe: "Gewicht einer Schülerin / eines Schülers je Sozialindexstufe 1–9.", helpEn: "Weight of one pupil per index level 1-9."),
        k("authorities.key.pupilWeightByLevel.<level>", .number, range: ScenarioLimits.priorityWeight,
          what: .weight, de: "Gewicht der Stufe", en: "Weight of the level",
          helpDe: "Gewicht je Schülerin / Schüler dieser Stufe.", helpEn: "Weight per pupil of this level."),
        k("authorities.key.withoutLevel", .number, range: ScenarioLimits.priorityWeight,
          what: .weight, de: "Gewicht ohne Stufe", en: "Weight without a level",
          helpDe: "Gewicht je Schülerin / Schüler einer Schule ohne Sozialindex.", helpEn: "Weight per pupil of a school without an index level."),

        // Need.
        k("need.gradesInScope", .list, what: .worded(en: "[first grade, last grade]", de: "[erster Jahrgang, letzter Jahrgang]"), de: "Jahrgänge", en: "Grades in scope",
          helpDe: "Erster und letzter Jahrgang, deren Schülerinnen und Schüler Leihgeräte erhalten können.",
          helpEn: "First and last grade whose pupils may receive loan devices.",
          value: one { grades($0.need.gradesInScope) }),
        k("need.schoolForms", .mapping, what: .worded(en: "grades per school form", de: "Jahrgänge je Schulform"), de: "Schulformen", en: "School forms",
          helpDe: "Jahrgänge je Schulform; nicht genannte Formen erhalten keine Schülergeräte.",
          helpEn: "Grades per school form; forms not listed get no pupil devices."),
        k("need.schoolForms.<form>", .list, what: .worded(en: "[first grade, last grade]", de: "[erster Jahrgang, letzter Jahrgang]"), de: "Jahrgänge der Schulform", en: "Grades of the form",
          helpDe: "Erster und letzter Jahrgang dieser Schulform.", helpEn: "First and last grade of this form.",
          value: ScenarioValueReader { s in s.need.formGrades.keys.sorted().map { ([$0], grades(s.need.formGrades[$0]!)) } }),
        k("need.pupilShareByLevel", .mapping, what: .worded(en: "a share for each index level 1-9", de: "ein Anteil für jede Indexstufe 1–9"), de: "Bedarfsquote je Stufe", en: "Need share by level",
          helpDe: "Anteil der Schülerinnen und Schüler mit Bedarf je Sozialindexstufe 1–9.", helpEn: "Share of pupils in need per index level 1-9."),
        k("need.pupilShareByLevel.<level>", .number, range: ScenarioLimits.pupilShare,
          what: .share, de: "Bedarfsquote", en: "Need share",
          helpDe: "Anteil der Schülerinnen und Schüler dieser Stufe, die ein Leihgerät brauchen.",
          helpEn: "Share of this level's pupils who need a loan device.", step: "0.01",
          value: ScenarioValueReader { s in (1...9).map { ([String($0)], s.need.pupilShareByLevel[$0].map { "\($0)" } ?? "") } }),
        k("need.priorityWeightByLevel", .mapping, what: .worded(en: "a weight for each index level 1-9", de: "ein Gewicht für jede Indexstufe 1–9"), de: "Gewicht je Stufe", en: "Weight by level",
          helpDe: "Gewicht eines Schülergeräts je Sozialindexstufe 1–9.", helpEn: "Weight of one pupil device per index level 1-9."),
        k("need.priorityWeightByLevel.<level>", .number, range: ScenarioLimits.priorityWeight,
          what: .weight, de: "Gewicht Sozialindexstufe", en: "Priority weight, index level",
          helpDe: "Gewicht eines Schülergeräts an einer Schule dieser Stufe in der gewichteten Zielfunktion.",
          helpEn: "Weight of one pupil device at a school of this level in the weighted objective.", step: "0.125",
          value: ScenarioValueReader { s in (1...9).map { ([String($0)], s.need.priorityWeightByLevel[$0].map { "\($0)" } ?? "") } }),
        k("need.withoutLevel", .mapping, what: .worded(en: "a rule per school form", de: "eine Regel je Schulform"), de: "Schulen ohne Stufe", en: "Schools without a level",
          helpDe: "Regel je Schulform (oder default) für Schulen ohne Sozialindex.", helpEn: "Rule per school form (or default) for schools without an index level."),
        k("need.withoutLevel.<form>", .integer, range: ValueRange(1, 9),
          what: .levelOrExclude, de: "Stufe ohne Sozialindex", en: "Level without an index",
          helpDe: "Stufe, mit der eine Schule dieser Form ohne Sozialindex zählt, oder exclude.",
          helpEn: "The level a school of this form without an index counts at, or exclude.",
          value: ScenarioValueReader { s in
              func rule(_ r: NeedRules.WithoutLevel) -> String { if case .level(let l) = r { String(l) } else { "exclude" } }
              return s.need.withoutLevel.keys.sorted().map { ([$0], rule(s.need.withoutLevel[$0]!)) }
                  + (s.need.defaultWithoutLevel.map { [(["default"], rule($0))] } ?? []) }),
        k("need.formFactor", .mapping, what: .worded(en: "a factor per school form", de: "ein Faktor je Schulform"), de: "Faktor je Schulform", en: "Factor by form",
          helpDe: "Faktor auf die Bedarfsquote je Schulform (nicht genannt: 1).", helpEn: "Factor on the need share per school form (not listed: 1)."),
        k("need.formFactor.<form>", .number, range: ScenarioLimits.formFactor,
          what: .formFactor, de: "Faktor der Schulform", en: "Factor of the form",
          helpDe: "Faktor auf die Bedarfsquote dieser Schulform (1 = wie die Stufe sagt).",
          helpEn: "Factor on this form's need share (1 = as the level says)."),

        // Maximin and solver.
        k("maximin.guarantee", .choice, what: .worded(en: "per-kind or joint", de: "per-kind (je Geräteart) oder joint (gemeinsam)"), de: "Garantie", en: "Guarantee",
          helpDe: "per-kind: eine Garantie je Geräteart nacheinander; joint: eine kleinste Deckung über alle Arten.",
          helpEn: "per-kind: one guarantee per device kind in turn; joint: one smallest coverage over all kinds.",
          value: ScenarioValueReader { s in s.objective == .maximin ? [([], s.maximin.guarantee.rawValue)] : [] }),
        k("maximin.order", .list, what: .worded(en: "device kind ids", de: "Kennungen von Gerätearten"), de: "Reihenfolge", en: "Order",
          helpDe: "Gerätearten in der Reihenfolge ihrer Garantien (nur per-kind).", helpEn: "Device kinds in the order of their guarantees (per-kind only).",
          value: ScenarioValueReader { s in s.objective == .maximin && s.maximin.guarantee == .perKind
              ? [([], s.maximin.groups(s.deviceKinds).map { s.deviceKinds[$0[0]].id }.joined(separator: ", "))] : [] }),
        k("solver.relativeGap", .number, range: ScenarioLimits.relativeGap,
          what: .relativeGap, de: "Relative Lücke", en: "Relative gap",
          helpDe: "Wie weit eine Lösung vom bewiesenen Optimum entfernt sein darf.", helpEn: "How far a solution may be from the proven optimum.",
          value: one { decimals($0.solver.relativeGap, 8) }),
        k("solver.timeLimitSeconds", .number, range: ScenarioLimits.timeLimitSeconds,
          what: .seconds, de: "Zeitgrenze (s)", en: "Time limit (s)",
          helpDe: "Höchste Rechenzeit für die ganze Lösung in Sekunden.", helpEn: "Longest time for the whole solve in seconds.",
          value: one { decimals($0.solver.timeLimitSeconds, 3) }),
        k("solver.stageTolerance", .number, range: ScenarioLimits.stageTolerance,
          what: .relativeTolerance, de: "Stufentoleranz", en: "Stage tolerance",
          helpDe: "Wie viel eine spätere Zielstufe vom früheren Optimum aufgeben darf.", helpEn: "How much a later objective stage may give up on an earlier optimum.",
          value: one { decimals($0.solver.stageTolerance, 8) }),

        // Schools.
        k("schools.file", .path, what: .worded(en: "a CSV file path", de: "der Pfad einer CSV-Datei"), de: "Schultabelle", en: "School table",
          helpDe: "CSV-Datei mit einer Zeile je Schule, relativ zum Szenario.", helpEn: "CSV file with a row per school, relative to the scenario."),
        k("schools.include", .mapping, what: .worded(en: "column: value filters", de: "Filter der Form Spalte: Wert"), de: "Filter", en: "Include",
          helpDe: "Nur Zeilen, deren Spalte den Wert hat.", helpEn: "Only rows whose column has the value."),
        k("schools.include.<column>", .text, what: .worded(en: "a value", de: "ein Wert"), de: "Filterwert", en: "Filter value",
          helpDe: "Wert, den die Spalte haben muss.", helpEn: "The value the column must have."),
        k("schools.columns", .mapping, what: .worded(en: "column names", de: "Spaltennamen"), de: "Spalten", en: "Columns",
          helpDe: "Spaltennamen der Schultabelle, wo sie abweichen.", helpEn: "Column names of the school table where they differ."),
    ] + ["authority", "district", "existingPupilDevices", "form", "id", "latitude", "longitude", "name", "pupils", "socialIndex", "teachers"].map { c in
        k("schools.columns.\(c)", .text, what: .worded(en: "a column name", de: "ein Spaltenname"), de: "Spalte \(c)", en: "Column \(c)",
          helpDe: "Name der Spalte für \(c) in der Schultabelle.", helpEn: "Name of the column for \(c) in the school table.")
    } + [
        k("schools.existingPupilDevices", .integer, range: ValueRange(0, 1_000_000),
          what: .worded(en: "a device count, 0 or more", de: "eine Zahl von Geräten, 0 oder mehr"), de: "Vorhandene Geräte", en: "Existing devices",
          helpDe: "Vorhandene Leihgeräte je Schule, wo die Tabelle keine nennt.", helpEn: "Existing loan devices per school where the table names none."),
        k("schools.overrides", .mapping, what: .worded(en: "corrections by school number", de: "Korrekturen je Schulnummer"), de: "Korrekturen", en: "Corrections",
          helpDe: "Korrekturen einzelner Schulen, nach Schulnummer.", helpEn: "Corrections of single schools, by school number."),
        k("schools.overrides.<school>", .mapping, what: .worded(en: "a school's corrections", de: "die Korrekturen einer Schule"), de: "Korrektur einer Schule", en: "A school's corrections",
          helpDe: "Die geänderten Werte einer Schule.", helpEn: "The changed values of one school."),
        k("schools.overrides.<school>.name", .text, what: .worded(en: "a name", de: "ein Name"), de: "Name", en: "Name", helpDe: "Name der Schule.", helpEn: "The school's name."),
        k("schools.overrides.<school>.form", .text, what: .worded(en: "a school form", de: "eine Schulform"), de: "Schulform", en: "School form",
          helpDe: "Schulform der Schule.", helpEn: "The school's form."),
        k("schools.overrides.<school>.district", .text, what: .worded(en: "a district", de: "ein Stadtbezirk"), de: "Stadtbezirk", en: "District",
          helpDe: "Stadtbezirk der Schule.", helpEn: "The school's district."),
        k("schools.overrides.<school>.pupils", .integer, range: ValueRange(0, 1_000_000), what: .loader(.pupilCount),
          de: "Schülerzahl", en: "Pupils", helpDe: "Zahl der Schülerinnen und Schüler.", helpEn: "Number of pupils."),
        k("schools.overrides.<school>.socialIndex", .integer, range: ValueRange(1, 9), what: .loader(.levelOrNone),
          de: "Sozialindex", en: "Social index", helpDe: "Sozialindexstufe 1–9 oder none.", helpEn: "Index level 1-9 or none."),
        k("schools.overrides.<school>.teachers", .integer, range: ValueRange(0, 100_000), what: .loader(.teacherCount),
          de: "Lehrkräfte", en: "Teachers", helpDe: "Zahl der Lehrkräfte.", helpEn: "Number of teachers."),
        k("schools.overrides.<school>.existingPupilDevices", .integer, range: ValueRange(0, 1_000_000), what: .loader(.deviceCount),
          de: "Vorhandene Geräte", en: "Existing devices", helpDe: "Vorhandene Leihgeräte der Schule.", helpEn: "The school's existing loan devices."),

        // Teachers.
        k("teachers.keyFigures", .path, what: .worded(en: "a CSV file path", de: "der Pfad einer CSV-Datei"), de: "Kennzahlen", en: "Key figures",
          helpDe: "CSV mit Schulform, Schülerzahl und Lehrkräften je Schulform.", helpEn: "CSV with school form, pupils and teachers per form."),
        k("teachers.formAliases", .mapping, what: .worded(en: "form: form of the key figures", de: "Schulform: Schulform der Kennzahlen"), de: "Schulform-Zuordnung", en: "Form aliases",
          helpDe: "Schulformen der Schultabelle, die in den Kennzahlen anders heißen.", helpEn: "School forms named differently in the key figures."),
        k("teachers.formAliases.<form>", .text, what: .worded(en: "a school form of the key figures", de: "eine Schulform der Kennzahlen"), de: "Entsprechende Schulform", en: "Matching form",
          helpDe: "Schulform der Kennzahlen, die für diese gilt.", helpEn: "The key figures' form that stands for this one."),
        k("teachers.scaleToTotal", .integer, range: ValueRange(0, 10_000_000), what: .loader(.teacherCount),
          de: "Gesamtzahl Lehrkräfte", en: "Teacher total", helpDe: "Die Schätzungen werden auf diese Gesamtzahl skaliert.",
          helpEn: "The estimates are scaled to this total."),
        k("teachers.knownTotals", .mapping, what: .worded(en: "teacher counts by authority", de: "Zahlen der Lehrkräfte je Schulträger"), de: "Bekannte Summen", en: "Known totals",
          helpDe: "Bekannte Lehrkräftezahlen je Träger.", helpEn: "Known teacher counts per authority."),
        k("teachers.knownTotals.<authority>", .integer, range: ValueRange(0, 10_000_000), what: .loader(.teacherCount),
          de: "Lehrkräfte des Trägers", en: "The authority's teachers", helpDe: "Lehrkräfte dieses Trägers.", helpEn: "This authority's teachers."),

        // Multi-year replacement plan (`allocate years`, docs/MULTIYEAR.md; read by YearsSection.swift).
        k("years", .mapping, what: .worded(en: "the multi-year replacement section", de: "der Abschnitt zum mehrjährigen Ersatz"), de: "Haushaltsjahre", en: "Budget years",
          helpDe: "Mehrjahresplan zum Ersatz der Geräte: Planungsjahre, Geld je Topf und Jahr, Lebensdauer, Bestand, Grenzen der Veränderung.",
          helpEn: "Multi-year replacement plan: planning years, money per pool and year, device lives, inventory, limits on change."),
        k("years.first", .integer, range: ValueRange(1990, 2100), what: .wholeNumber, de: "Erstes Planungsjahr", en: "First planning year",
          helpDe: "Erstes Haushaltsjahr des Plans (z. B. 2026).", helpEn: "The plan's first budget year (e.g. 2026)."),
        k("years.last", .integer, range: ValueRange(1990, 2100), what: .wholeNumber, de: "Letztes Planungsjahr", en: "Last planning year",
          helpDe: "Letztes Haushaltsjahr des Plans (z. B. 2030); höchstens 15 Jahre.", helpEn: "The plan's last budget year (e.g. 2030); at most 15 years."),
        k("years.deviceKinds", .mapping, what: .worded(en: "the device kinds of the plan", de: "die Gerätearten des Plans"), de: "Gerätearten", en: "Device kinds",
          helpDe: "Lebensdauer, Preise und Betriebskosten je Geräteart des Szenarios.", helpEn: "Life, prices and operating cost per device kind of the scenario."),
        k("years.deviceKinds.<kind>", .mapping, what: .worded(en: "a device kind of the scenario", de: "eine Geräteart des Szenarios"), de: "Geräteart", en: "Device kind",
          helpDe: "Eine Geräteart des Szenarios, mit ihrer Kennung.", helpEn: "One of the scenario's device kinds, by its id."),
        k("years.deviceKinds.<kind>.lifeYears", .integer, range: ValueRange(1, 15), what: .wholeNumber, de: "Lebensdauer (Jahre)", en: "Life (years)",
          helpDe: "Geplante Nutzungsdauer: ein im Jahr p gekauftes Gerät dient in p bis p + Lebensdauer − 1.",
          helpEn: "Planned life: a device bought in year p serves in p to p + life − 1."),
        k("years.deviceKinds.<kind>.earlyYears", .integer, range: ValueRange(0, 5), what: .wholeNumber, de: "Früherer Ersatz (Jahre)", en: "Early replacement (years)",
          helpDe: "Um so viele Jahre darf ein Gerät vor dem Ende seiner Lebensdauer ausscheiden.", helpEn: "A device may leave service this many years before the end of its life."),
        k("years.deviceKinds.<kind>.lateYears", .integer, range: ValueRange(0, 5), what: .wholeNumber, de: "Späterer Ersatz (Jahre)", en: "Late replacement (years)",
          helpDe: "Um so viele Jahre darf ein Gerät länger dienen.", helpEn: "A device may serve this many years longer."),
        k("years.deviceKinds.<kind>.price", .money, range: ScenarioLimits.positiveMoney, what: .money(positive: true), de: "Preis im ersten Jahr", en: "Price in the first year",
          helpDe: "Preis eines Geräts (mit Zubehör und Einrichtung) im ersten Planungsjahr, in Euro.",
          helpEn: "Price of one device (with accessories and setup) in the first planning year, in euros.", step: "1"),
        k("years.deviceKinds.<kind>.priceChange", .number, range: ValueRange(Decimal(string: "-0.5")!, Decimal(string: "0.5")!), what: .number,
          de: "Preisänderung je Jahr", en: "Price change per year",
          helpDe: "Anteil, um den der Preis jedes Jahr steigt (0,03 = +3 %; negativ: sinkt); auf den Cent gerundet, Jahr für Jahr.",
          helpEn: "Share by which the price rises each year (0.03 = +3 %; negative: falls); rounded to the cent, year by year.", step: "0.01"),
        k("years.deviceKinds.<kind>.operatingCost", .money, range: ScenarioLimits.money, what: .money(positive: false),
          de: "Betriebskosten je Gerät und Jahr", en: "Operating cost per device and year",
          helpDe: "Laufende Kosten je Gerät im Betrieb und Jahr (Geräteverwaltung, Lizenzen, Support, Versicherung); nur Eigenmittel zahlen sie.",
          helpEn: "Running cost per device in service and year (device management, licences, support, insurance); only own money pays it.", step: "1"),
        k("years.deviceKinds.<kind>.residualValue", .money, range: ScenarioLimits.money, what: .money(positive: false),
          de: "Restwert", en: "Residual value",
          helpDe: "Erlös je Gerät, das in einem Planungsjahr ausscheidet (gleich welchen Alters), in Euro; Eigenmittel dieses Jahres (der erste Topf mit source: own); höchstens der Preis.",
          helpEn: "Income per device leaving service in a planning year (whatever its age), in euros; own money of that year (the first pool with source: own); at most the price.", step: "1"),
        k("years.deviceKinds.<kind>.weight", .integer, range: ValueRange(0, 1000), what: .weight, de: "Gewicht", en: "Weight",
          helpDe: "Gewicht eines gedeckten Gerätejahrs dieser Art in der zweiten Stufe.", helpEn: "Weight of one covered device-year of this kind in the second stage."),
        k("years.pools", .mapping, what: .worded(en: "the money per pool and year", de: "das Geld je Förderprogramm und Jahr"), de: "Töpfe", en: "Pools",
          helpDe: "Die Geldquellen des Plans (Förderung, Eigenmittel) mit Geld je Jahr.", helpEn: "The plan's sources of money (grants, own money) with money per year."),
        k("years.pools.<pool>", .mapping, what: .worded(en: "a pool", de: "ein Förderprogramm"), de: "Topf", en: "Pool",
          helpDe: "Ein Topf mit Kennung.", helpEn: "One pool, by its id."),
        k("years.pools.<pool>.name", .text, what: .worded(en: "a name", de: "ein Name"), de: "Name", en: "Name",
          helpDe: "Name des Topfs in Berichten.", helpEn: "The pool's name in reports."),
        k("years.pools.<pool>.source", .choice, what: .loader(.poolSource), de: "Herkunft", en: "Source",
          helpDe: "grant: Förderung (zahlt nur Investitionen); own: Eigenmittel.", helpEn: "grant: a grant (pays investment only); own: own money."),
        k("years.pools.<pool>.money", .list, range: ScenarioLimits.money, what: .money(positive: false), de: "Geld je Jahr", en: "Money per year",
          helpDe: "Betrag je Planungsjahr in Euro, ein Eintrag je Jahr (oder ein Betrag für jedes Jahr).",
          helpEn: "Amount per planning year in euros, one entry per year (or one amount for every year)."),
        k("years.pools.<pool>.carryOverUntil", .integer, range: ValueRange(1990, 2100), what: .wholeNumber, de: "Übertragbar bis", en: "Carry-over until",
          helpDe: "Nicht ausgegebenes Geld darf bis einschließlich dieses Jahres ausgegeben werden; „lapses“ (Standard): es verfällt am Jahresende.",
          helpEn: "Unspent money may be spent up to and including this year; 'lapses' (default): it is lost at the end of its year."),
        k("years.pools.<pool>.pays", .list, what: .loader(.costKinds), de: "Zahlt", en: "Pays",
          helpDe: "Kostenarten, die der Topf zahlen darf: investment (Geräte), operating (Betrieb; nur Eigenmittel).",
          helpEn: "Cost kinds the pool may pay: investment (devices), operating (running cost; own money only)."),
        k("years.need", .mapping, what: .worded(en: "the need per school and year", de: "der Bedarf je Schule und Jahr"), de: "Bedarf je Jahr", en: "Need per year",
          helpDe: "Bedarf je Schule und Jahr: der Bedarf des Szenarios mal einem Faktor je Schulform und Jahr, oder aus einer CSV.",
          helpEn: "Need per school and year: the scenario's need times a factor per school form and year, or from a CSV."),
        k("years.need.growth", .mapping, what: .worded(en: "factors per school form", de: "Faktoren je Schulform"), de: "Entwicklung je Schulform", en: "Growth per school form",
          helpDe: "Faktor auf den Bedarf je Schulform, ein Eintrag je Planungsjahr (Standard 1).", helpEn: "Factor on the need per school form, one entry per planning year (default 1)."),
        k("years.need.growth.<form>", .list, range: ValueRange(0, 10), what: .formFactor, de: "Faktoren", en: "Factors",
          helpDe: "Ein Faktor je Planungsjahr für diese Schulform.", helpEn: "One factor per planning year for this school form."),
        k("years.need.file", .path, what: .worded(en: "a CSV file path", de: "der Pfad einer CSV-Datei"), de: "Bedarfstabelle", en: "Need table",
          helpDe: "CSV mit school, kind, year, devices: ersetzt den Bedarf der genannten Schule, Art und Jahr.",
          helpEn: "CSV with school, kind, year, devices: replaces the need of the school, kind and year named."),
        k("years.inventory", .mapping, what: .worded(en: "the starting inventory", de: "der Anfangsbestand"), de: "Bestand", en: "Inventory",
          helpDe: "Geräte im Einsatz vor dem ersten Planungsjahr: aus der plan.json eines früheren Laufs oder einer CSV.",
          helpEn: "Devices in service before the first planning year: from an earlier run's plan.json or a CSV."),
        k("years.inventory.plan", .path, what: .loader(.planPath), de: "Früherer Plan", en: "Earlier plan",
          helpDe: "plan.json eines früheren Laufs (allocate solve --out); seine Geräte je Schule und Art sind der Bestand.",
          helpEn: "plan.json of an earlier run (allocate solve --out); its devices per school and kind are the inventory."),
        k("years.inventory.purchaseYear", .integer, range: ValueRange(1990, 2100), what: .wholeNumber, de: "Kaufjahr", en: "Purchase year",
          helpDe: "Jahr, in dem die Geräte des früheren Plans gekauft wurden.", helpEn: "The year the earlier plan's devices were bought."),
        k("years.inventory.file", .path, what: .worded(en: "a CSV file path", de: "der Pfad einer CSV-Datei"), de: "Bestandstabelle", en: "Inventory table",
          helpDe: "CSV mit school, kind, purchaseYear, count.", helpEn: "CSV with school, kind, purchaseYear, count."),
        k("years.turbulence", .mapping, what: .worded(en: "the limits on change", de: "die Grenzen der Veränderung"), de: "Grenzen der Veränderung", en: "Limits on change",
          helpDe: "Wie schnell sich die Geräte einer Schule ändern dürfen.", helpEn: "How fast a school's devices may change."),
        k("years.turbulence.maxFall", .number, range: ValueRange(0, 1), what: .share, de: "Höchster Rückgang je Jahr", en: "Largest fall per year",
          helpDe: "Anteil, um den die Geräte einer Schule (alle Arten) von einem Jahr zum nächsten höchstens sinken.",
          helpEn: "Share by which a school's devices (all kinds) may fall at most from one year to the next.", step: "0.01"),
        k("years.turbulence.maxNewDevicesPerYear", .integer, range: ValueRange(0, 10_000_000), what: .wholeNumber,
          de: "Höchstens neue Geräte je Jahr", en: "Most new devices per year",
          helpDe: "Neue Geräte je Schule und Jahr höchstens (Liefer- und Einrichtungskapazität).",
          helpEn: "At most this many new devices per school and year (delivery and imaging capacity)."),

        // Schedule (see docs/schedule.md).
        k("schedule.periods", .mapping, what: .worded(en: "{every, from, until} or a list of {label, start, end}", de: "{every, from, until} oder eine Liste von {label, start, end}"), de: "Zeiträume", en: "Periods",
          helpDe: "Die Planungszeiträume.", helpEn: "The planning periods."),
        k("schedule.periods.every", .choice, what: .worded(en: "week, month", de: "week (Woche), month (Monat)"), de: "Zeitraster", en: "Every",
          helpDe: "week oder month.", helpEn: "week or month."),
        k("schedule.periods.from", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Von", en: "From", helpDe: "Erster Tag.", helpEn: "First day."),
        k("schedule.periods.until", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Bis", en: "Until", helpDe: "Letzter Tag.", helpEn: "Last day."),
        k("schedule.periods[].label", .text, what: .worded(en: "a label", de: "eine Bezeichnung"), de: "Bezeichnung", en: "Label", helpDe: "Name des Zeitraums.", helpEn: "The period's name."),
        k("schedule.periods[].start", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Beginn", en: "Start", helpDe: "Erster Tag.", helpEn: "First day."),
        k("schedule.periods[].end", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Ende", en: "End", helpDe: "Letzter Tag.", helpEn: "Last day."),
        k("schedule.supply", .mapping, what: .worded(en: "the deliveries", de: "die Lieferungen"), de: "Lieferungen", en: "Supply",
          helpDe: "Was der Lieferant bis zu welchem Tag liefert.", helpEn: "What the supplier delivers by which day."),
        k("schedule.supply.cumulative", .boolean, what: .trueOrFalse, de: "Kumuliert", en: "Cumulative",
          helpDe: "Ob die Zahlen Summen bis zum Tag sind.", helpEn: "Whether the figures are totals up to the day."),
        k("schedule.supply.spread", .choice, what: .worded(en: "even, onDate", de: "even (gleichmäßig), onDate (am Stichtag)"), de: "Verteilung", en: "Spread",
          helpDe: "even: gleichmäßig zwischen zwei Tagen; onDate: alles am Tag.", helpEn: "even: evenly between two dates; onDate: all on the day."),
        k("schedule.supply.by", .mapping, what: .worded(en: "devices by date", de: "Geräte je Datum"), de: "Geräte je Tag", en: "Devices by date",
          helpDe: "Geräte je Liefertag (oder rest).", helpEn: "Devices per delivery day (or rest)."),
        k("schedule.supply.by.<date>", .integer, range: ValueRange(0, 10_000_000), what: .loader(.devicesOrRest), de: "Geräte", en: "Devices",
          helpDe: "Geräte bis zu diesem Tag.", helpEn: "Devices by this day."),
        k("schedule.imaging", .mapping, what: .worded(en: "the imaging capacity", de: "die Kapazität der Einrichtung"), de: "Einrichtung", en: "Imaging",
          helpDe: "Schulen, die der IT-Dienst je Zeitraum einrichten kann.", helpEn: "Schools the IT service can image per period."),
        k("schedule.imaging.schoolsPerPeriod", .integer, range: ValueRange(0, 10_000), what: .loader(.schoolsUpTo10000), de: "Schulen je Zeitraum", en: "Schools per period",
          helpDe: "Schulen je Zeitraum.", helpEn: "Schools per period."),
        k("schedule.imaging.except", .mapping, what: .worded(en: "school counts by date", de: "Zahlen von Schulen je Datum"), de: "Ausnahmen", en: "Exceptions",
          helpDe: "Abweichende Zahl für einzelne Zeiträume.", helpEn: "A different count for single periods."),
        k("schedule.imaging.except.<date>", .integer, range: ValueRange(0, 10_000), what: .loader(.schoolsUpTo10000), de: "Schulen", en: "Schools",
          helpDe: "Schulen im Zeitraum dieses Tages.", helpEn: "Schools in the period of this day."),
        k("schedule.deadlines", .mapping, what: .worded(en: "dates by pool", de: "Daten je Förderprogramm"), de: "Fristen", en: "Deadlines",
          helpDe: "Letzter Tag, an dem ein Topf zahlt.", helpEn: "Last day a pool pays."),
        k("schedule.deadlines.<pool>", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Frist", en: "Deadline",
          helpDe: "Letzter Tag dieses Topfs.", helpEn: "This pool's last day."),
        k("schedule.earliest", .mapping, what: .worded(en: "dates by school number", de: "Daten je Schulnummer"), de: "Frühester Termin", en: "Earliest",
          helpDe: "Frühester Liefertag je Schule.", helpEn: "Earliest delivery day per school."),
        k("schedule.earliest.<school>", .date, what: .worded(en: "a date yyyy-mm-dd", de: "ein Datum JJJJ-MM-TT"), de: "Frühester Tag", en: "Earliest day",
          helpDe: "Frühester Liefertag dieser Schule.", helpEn: "This school's earliest delivery day."),
        k("schedule.teacherDevices", .choice, what: .worded(en: "first, last, mixed", de: "first (zuerst), last (zuletzt), mixed (gemischt)"), de: "Lehrkräftegeräte", en: "Teacher devices",
          helpDe: "first: vor den Schülergeräten; last: danach; mixed: nach Gewicht.", helpEn: "first: before pupil devices; last: after; mixed: by weight."),
    ]

    /// Sections and keys the web planner may not change: they name files, the title or the
    /// solver's limits (the server sets those). A key path under one of them is refused there.
    /// In `years`, the keys that name files (the rules themselves are the multi-year form's).
    public static let fixedInPlanner = ["extends", "name", "schools", "teachers", "authorities", "solver", "schedule",
                                        "pools.<pool>.split.file", "pools.<pool>.split.columns",
                                        "years.inventory", "years.need.file"]

    /// The pattern of `fixedInPlanner` the key path lies under, if any.
    public static func plannerFixedSection(of keyPath: [String]) -> String? {
        fixedInPlanner.first { pattern in
            let parts = keyParts(pattern)
            return keyPath.count >= parts.count && matches(parts, Array(keyPath.prefix(parts.count)))
        }
    }

    private static func k(_ path: String, _ type: ScenarioKey.ValueType, range: ValueRange? = nil, what: Allowed,
                          de: String, en: String, helpDe: String, helpEn: String, step: String? = nil,
                          value: ScenarioValueReader? = nil) -> ScenarioKey {
        ScenarioKey(path: path, type: type, range: range, what: what, labelDe: de, labelEn: en, helpDe: helpDe, helpEn: helpEn,
                    step: step, value: value, parts: keyParts(path))
    }

    /// A pattern's parts ("pools.<pool>.budget" -> pools, <pool>, budget; empty parts left out,
    /// as `split(separator: ".")` leaves them), byte by byte: the generic `split` cost about
    /// 10,000 instructions a pattern, 1.3 M for the table (issue 18).
    static func keyParts(_ path: String) -> [String] {
        var parts: [String] = []
        var start = path.utf8.startIndex
        for i in path.utf8.indices where path.utf8[i] == UInt8(ascii: ".") {
            if i > start { parts.append(String(path[start..<i])) }
            start = path.utf8.index(after: i)
        }
        if start < path.utf8.endIndex { parts.append(String(path[start...])) }
        return parts
    }

    // Readers of the table's `value:` column.
    private static func one(_ f: @escaping @Sendable (Scenario) -> String) -> ScenarioValueReader {
        ScenarioValueReader { [([], f($0))] }
    }
    private static func eachKind(_ f: @escaping @Sendable (DeviceKind) -> String) -> ScenarioValueReader {
        ScenarioValueReader { s in s.deviceKinds.map { ([$0.id], f($0)) } }
    }
    private static func eachPool(_ f: @escaping @Sendable (Pool) -> String?) -> ScenarioValueReader {
        ScenarioValueReader { s in s.pools.compactMap { p in f(p).map { ([p.id], $0) } } }
    }
    private static func grades(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)–\(r.upperBound)" }
    private static func decimals(_ v: Double, _ n: Int) -> String {
        FixedPoint.text(v, n)
    }

    /// Every resolved value of a scenario, flattened to concrete key paths in table order; the
    /// keys of one device kind or one pool stay together (`deviceKinds.a.label`, `….a.basis`,
    /// `deviceKinds.b.label`, …). `under` keeps the keys of one section ("solver").
    public static func values(of s: Scenario, under section: String? = nil) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        // A run of entries under one `section.<id>` pattern, read per id in the scenario's order.
        var group: (prefix: String, ids: [String], byId: [String: [(key: String, value: String)]])?
        func flush() {
            if let g = group { for id in g.ids { out += g.byId[id]! } }
            group = nil
        }
        for e in all {
            guard let reader = e.value, section == nil || e.parts.first == section else { continue }
            let parts = e.parts
            let read = reader.read(s)
            if parts.count >= 3, parts[1].hasPrefix("<") {
                let prefix = parts[0] + "." + parts[1]   // not `joined`: see path(_:_:)
                if group?.prefix != prefix { flush(); group = (prefix, [], [:]) }
                for (ids, v) in read {
                    if group!.byId[ids[0]] == nil { group!.ids.append(ids[0]); group!.byId[ids[0]] = [] }
                    group!.byId[ids[0]]!.append((path(e.path, ids), v))
                }
            } else {
                flush()
                out += read.map { (path(e.path, $0.ids), $0.value) }
            }
        }
        flush()
        return out
    }

    private static let byPath: [String: ScenarioKey] = Dictionary(all.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })

    /// The entry of a pattern. A pattern missing from the table is a programming error.
    public static func entry(_ pattern: String) -> ScenarioKey {
        guard let e = byPath[pattern] else { preconditionFailure("scenario key '\(pattern)' is not in ScenarioKeys.all") }
        return e
    }

    /// A concrete key path: the pattern with its `<…>` parts filled in order
    /// (`path("pools.<pool>.fundingRate", "sofort")` = "pools.sofort.fundingRate").
    public static func path(_ pattern: String, _ ids: String...) -> String { path(pattern, ids) }

    /// The key's own name, the last part of its pattern, as a scenario file spells it in its
    /// section (`name("pools.<pool>.budget")` = "budget").
    public static func name(_ pattern: String) -> String { entry(pattern).parts.last! }

    public static func path(_ pattern: String, _ ids: [String]) -> String {
        var parts = entry(pattern).parts
        var next = ids.makeIterator()
        for i in parts.indices where parts[i].hasPrefix("<") { parts[i] = next.next() ?? parts[i] }
        // Not `joined(separator:)`: its generic path searched the binary's conformance records
        // the first time and cost about 9,000 instructions a call (issue 18).
        var out = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { out += "." }
            out += part
        }
        return out
    }

    /// The keys a mapping at `parent` (a pattern) allows, in table order: its literal children.
    /// nil when its children are ids (`<pool>`, `<level>`, …), which any key may name.
    static func children(of parent: String) -> [String]? {
        // Part by part, without joining each entry's parts (issue 18: this was 4 % of a solve).
        let parentParts = parent.isEmpty ? [] : parent.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let depth = parentParts.count
        let kids = all.filter { e in
            let p = e.parts
            guard p.count == depth + 1 else { return false }
            for i in 0..<depth where p[i] != parentParts[i] { return false }
            return true
        }.map { $0.parts[depth] }
        return kids.contains(where: { $0.hasPrefix("<") }) ? nil : kids
    }

    /// The entry a concrete key path ("pools.sofort.fundingRate", "schedule.periods.0.label")
    /// stands for, if any. A list index counts as the `[]` of a pattern.
    public static func match(_ keyPath: [String]) -> ScenarioKey? {
        all.first { e in matches(e.parts, keyPath) }
    }

    static func matches(_ pattern: [String], _ keyPath: [String]) -> Bool {
        var k = keyPath[...]
        for part in pattern {
            guard let head = k.first else { return false }
            if part.hasSuffix("[]") {
                guard String(part.dropLast(2)) == head, k.count >= 2, Int(k.dropFirst().first!) != nil else { return false }
                k = k.dropFirst(2)
            } else {
                guard part.hasPrefix("<") || part == head else { return false }
                k = k.dropFirst()
            }
        }
        return k.isEmpty
    }

    /// The most parts a pattern has.
    static let longestPattern = all.map(\.parts.count).max() ?? 0

    /// For a key path the table does not know: the closest known key at the first part that
    /// matches no pattern, and the keys allowed there.
    static func suggestion(for keyPath: [String]) -> (near: String?, allowed: [String]) {
        // The longest prefix some pattern starts with.
        var depth = 0
        // No pattern has more than `longestPattern` parts: a longer prefix matches none.
        for d in stride(from: min(keyPath.count - 1, longestPattern), to: 0, by: -1) where all.contains(where: { e in
            e.parts.count > d && matches(Array(e.parts.prefix(d)), Array(keyPath.prefix(d))) }) {
            depth = d
            break
        }
        var allowed: [String] = []
        for e in all where e.parts.count > depth && matches(Array(e.parts.prefix(depth)), Array(keyPath.prefix(depth))) {
            if !allowed.contains(e.parts[depth]) { allowed.append(e.parts[depth]) }
        }
        return (closest(keyPath[depth], in: allowed.filter { !$0.hasPrefix("<") }), allowed)
    }
}
