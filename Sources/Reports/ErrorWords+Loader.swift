import Foundation
import Allocation
import ScenarioFiles

/// The words of the loader's facts (`InputProblem.ScheduleProblem`, `.SplitProblem`,
/// `.SectionProblem`, `LoaderPhrase`, and the loader's additions to the other families), in
/// German and English. English is the text the loader gave before these were facts, byte for
/// byte (Tests/ScenarioFilesTests/LoaderGermanMessageTests pins it); German names the same
/// key, value found and what is allowed, with the file's own words (keys, rule words) quoted.
extension ErrorWords {
    /// Why the schedule section cannot be read.
    public static func text(_ p: InputProblem.ScheduleProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : "\(i)" }
        switch p {
        case let .unknownPool(id, pools):
            let list = pools.joined(separator: ", ")
            return de ? "unbekanntes Förderprogramm „\(id)“; die Förderprogramme des Szenarios: \(list)"
                      : "unknown pool '\(id)'; the scenario's pools: \(list)"
        case let .unknownSchool(id, count, examples):
            let shown = examples.joined(separator: ", ") + (count > examples.count ? ", …" : "")
            return de ? "unbekannte Schulnummer „\(id)“; erlaubt: die \(n(count)) Schulnummern des Szenarios (\(shown))"
                      : "unknown school number '\(id)'; allowed: the \(count) school numbers of the scenario (\(shown))"
        case .keyNotADate(let key):
            return de ? "der Schlüssel „\(key)“ ist kein Datum; bitte JJJJ-MM-TT schreiben (z. B. 2020-12-31)"
                      : "the key '\(key)' is not a date; write yyyy-mm-dd (e.g. 2020-12-31)"
        case .periodNeedsStartAndEnd:
            return de ? "ein Zeitraum braucht „start“ und „end“ (Daten im Format JJJJ-MM-TT)" : "a period needs 'start' and 'end' (dates yyyy-mm-dd)"
        case let .endBeforeStart(end, start):
            return de ? "\(end) gefunden, erwartet: ein Tag am oder nach dem Beginn des Zeitraums, \(start)"
                      : "found \(end), expected a day on or after the period's start \(start)"
        case let .periodsOverlap(start, previousEnd):
            return de ? "\(start) gefunden, erwartet: ein Tag nach dem Ende des vorigen Zeitraums, \(previousEnd); die Zeiträume müssen aufeinander folgen"
                      : "found \(start), expected a day after the previous period's end \(previousEnd); periods must follow each other"
        case .noPeriods:
            return de ? "keine Zeiträume; mindestens einen angeben" : "no periods; give at least one"
        case let .tooManyPeriods(count, limit):
            return de ? "\(n(count)) Zeiträume gefunden; erlaubt: höchstens \(n(limit))" : "found \(count) periods, allowed: at most \(limit)"
        case .periodsShape:
            return de ? "erwartet: {every: week oder month, from: erster Tag, until: letzter Tag} oder eine Liste von {label, start, end}"
                      : "expected {every: week or month, from: first day, until: last day}, or a list of {label, start, end}"
        case let .untilBeforeFrom(until, from):
            return de ? "\(until) gefunden, erwartet: ein Tag am oder nach „from“ (\(from))" : "found \(until), expected a day on or after 'from' (\(from))"
        case let .spanTooLong(from, until, limit):
            return de ? "von \(from) bis \(until) ergibt mehr als \(n(limit)) Zeiträume; bitte die Spanne verkürzen oder Monate nehmen"
                      : "from \(from) to \(until) gives more than \(limit) periods; shorten the span or use months"
        case .monthsBeyond(let until):
            return de ? "\(until) gefunden, erwartet: für monatliche Zeiträume ein Tag vor dem 2199-12-01"
                      : "found \(until), expected a day before 2199-12-01 for monthly periods"
        case .missingCumulative:
            return de ? "„cumulative“ fehlt: true (jede Zahl ist die Summe, die bis zu ihrem Datum geliefert ist) oder false (die Lieferungen seit dem vorigen Datum)"
                      : "missing 'cumulative': true (each figure is the total delivered by its date) or false (deliveries since the previous date)"
        case .missingSupplyBy:
            return de ? "„by“ fehlt: Datum: Geräte, z. B. {2020-12-31: 3500, 2021-04-30: rest}" : "missing 'by': date: devices, e.g. {2020-12-31: 3500, 2021-04-30: rest}"
        case .noSupplyFigures:
            return de ? "keine Liefermengen; mindestens eine angeben (Datum: Geräte)" : "no supply figures; give at least one date: devices"
        case .dateTwice(let date):
            return de ? "\(date) steht doppelt; jedes Datum nur einmal angeben" : "\(date) is given twice; give each date once"
        case .restNotLast(let latest):
            return de ? "„rest“ (jedes geplante Gerät, das vorher nicht geliefert ist) darf nur beim spätesten Datum stehen, \(latest)"
                      : "'rest' (every planned device not delivered before) may only be the figure of the latest date, \(latest)"
        case let .cumulativeFalls(devices, date, previous, previousDate):
            return de ? "\(n(devices)) bis \(date) gefunden, erwartet: mindestens die \(n(previous)) bis \(previousDate); kumulierte Zahlen können nicht sinken (oder „cumulative: false“ setzen)"
                      : "found \(devices) by \(date), expected at least the \(previous) by \(previousDate): cumulative figures cannot fall (or set cumulative: false)"
        case let .dateInNoPeriod(date, first, last):
            return de ? "\(date) liegt in keinem Zeitraum; die Zeiträume reichen von \(first) bis \(last)"
                      : "\(date) lies in no period; the periods run from \(first) to \(last)"
        case .periodTwice(let label):
            return de ? "der Zeitraum \(label) steht doppelt unter „except“" : "period \(label) is given twice under 'except'"
        }
    }

    /// Why a pool's split, the authorities section or an allocation table cannot be read.
    public static func text(_ p: InputProblem.SplitProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : "\(i)" }
        /// An amount as the loader wrote it: "1000.00 €" (English) or "1.000,00 €" with a no-break space.
        func euros(_ m: Money) -> String { de ? NumberStyle(.de, nonBreaking: true).money(m) : "\(m.plain) €" }
        let limit = de ? "1.000.000.000.000\u{a0}€" : "1,000,000,000,000 €"
        switch p {
        case .missingBy:
            return de ? "„by“ fehlt; erlaubt: \(text(LoaderPhrase.splitRules, l))" : "missing 'by', allowed: \(text(LoaderPhrase.splitRules, l))"
        case let .notAKeyOfRule(by, stateTotal, keys):
            let list = keys.joined(separator: ", ")
            if de {
                let why = stateTotal ? "; die Summe von „by: \(by)“ wird abgeleitet (die echte Zahl als checkAgainst zum Vergleich angeben)" : ""
                return "ist kein Schlüssel von „by: \(by)“\(why); seine Schlüssel: \(list)"
            }
            let why = stateTotal ? "; the total of 'by: \(by)' is derived (give the real figure as checkAgainst to compare)" : ""
            return "is not a key of 'by: \(by)'\(why); its keys: \(list)"
        case .basisAmbiguous:
            return de ? "„basis“ fehlt („pupils“ oder „teachers“): die Gerätearten des Förderprogramms zählen beide"
                      : "missing 'basis' (pupils or teachers): the pool's device kinds count both"
        case let .needsAuthorities(pool, rule):
            return de ? "das Förderprogramm \(pool) wird nach dem Schülerschlüssel aufgeteilt (\(text(rule, l))), daher braucht das Szenario „authorities“ (key: pupilWeightByLevel, withoutLevel)"
                      : "pool \(pool) is split by the pupil key (\(text(rule, l))), so the scenario needs 'authorities' (key: pupilWeightByLevel, withoutLevel)"
        case .keyWeighsZero(let total):
            return de ? "der Schlüssel der Schulträger ergibt 0 (keine Schülerinnen und Schüler mit Gewicht), daher können \(euros(total)) nicht nach ihm aufgeteilt werden"
                      : "the authorities' key adds up to 0 (no pupils with weight), so \(euros(total)) cannot be split by it"
        case .needsReference:
            return de ? "der Schülerschlüssel ohne „stateTotal“ skaliert das Budget des Bezugs-Schulträgers; bitte „authorities.reference“ (z. B. \"5913000\") oder split.stateTotal angeben"
                      : "the pupil key without 'stateTotal' scales the reference authority's budget; give 'authorities.reference' (e.g. \"5913000\") or split.stateTotal"
        case let .referenceHasNoSchools(reference, authorities):
            let shown = authorities.prefix(8).joined(separator: ", ") + (authorities.count > 8 ? ", …" : "")
            return de ? "der Bezugs-Schulträger „\(reference)“ hat in diesem Szenario keine Schulen; Schulträger hier: \(shown)"
                      : "the reference authority '\(reference)' has no schools in this scenario; authorities here: \(shown)"
        case .scaledTotalTooLarge(let pool):
            return de ? "die Landessumme des Förderprogramms \(pool) läge über \(limit) (oder der Bezugs-Schulträger wiegt 0); bitte Schlüssel und Bezugs-Schulträger prüfen"
                      : "pool \(pool)'s state total would exceed \(limit) (or the reference weighs 0); check the key and the reference"
        case let .perDeviceTooLarge(amount, count, basis):
            if de { return "\(euros(amount)) × \(n(count)) \(basis == .teachers ? "Lehrkräfte" : "Schülerinnen und Schüler") ergibt mehr als \(limit)" }
            return "\(euros(amount)) × \(count) \(basis.rawValue) exceeds \(limit)"
        case .totalTooLarge(let total):
            return de ? "die Landessumme \(euros(total)) liegt über \(limit)" : "the state total \(euros(total)) exceeds \(limit)"
        case .emptyAuthority:
            return de ? "ist leer; erwartet: der Schlüssel eines Schulträgers (z. B. 5913000)" : "is empty; expected an authority key (e.g. 5913000)"
        case let .authorityTwice(key, firstLine):
            return de ? "Schulträger \(key) hat schon eine Zeile (Zeile \(n(firstLine))); jedem Schulträger genau eine Zeile geben"
                      : "authority \(key) has a row already (line \(firstLine)); give each authority one row"
        case let .authoritiesWithoutRow(missing, pool):
            let shown = missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
            return de ? "hat keine Zeile für \(n(missing.count)) Schulträger mit Schulen in diesem Szenario: \(shown); bitte jedem eine Zeile geben (Betrag 0 für keinen Anteil) für das Förderprogramm \(pool)"
                      : "has no row for \(missing.count) authorit\(missing.count == 1 ? "y" : "ies") with schools in this scenario: \(shown); give each a row (amount 0 for none) for pool \(pool)"
        case .budgetNotUsed(let rule):
            return de ? "das Geld dieses Förderprogramms wird nach seinem „split“ (\(text(rule, l))) auf die Schulträger aufgeteilt, der die Summe und jeden Anteil ergibt; „budget“ (das Budget eines Bezugs-Schulträgers) gilt hier nicht: bitte entfernen oder „split: none“ für ein einziges Budget setzen"
                      : "this pool's money is split among the authorities by its 'split' (\(text(rule, l))), which gives the total and every share; 'budget' (a reference authority's budget) is not used here: remove it, or set 'split: none' for one budget"
        }
    }

    /// A split rule as the file writes it: "by: key", "by: key with stateTotal".
    static func text(_ r: InputProblem.SplitRule, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch r {
        case .key: return de ? "„by: key“" : "by: key"
        case .keyWithStateTotal: return de ? "„by: key“ mit „stateTotal“" : "by: key with stateTotal"
        case .perDevice: return de ? "„by: perDevice“" : "by: perDevice"
        case .table: return de ? "„by: table“" : "by: table"
        }
    }

    /// Why an entry of the kinds, pools or need sections cannot be read.
    public static func text(_ p: InputProblem.SectionProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .idNotAllowed(let id):
            return de ? "die Kennung „\(id)“ ist nicht erlaubt; bitte bis zu 40 ASCII-Buchstaben, Ziffern, „-“ oder „_“ verwenden"
                      : "id '\(id)' is not allowed; use up to 40 ASCII letters, digits, '-' or '_'"
        case .onlyGrantHas(let key):
            return de ? "nur ein Förderprogramm mit „rule: grant“ hat „\(key)“" : "only a pool with rule 'grant' has '\(key)'"
        case .gradesShape(let found):
            return de ? "erwartet: [erste Klassenstufe, letzte Klassenstufe], gefunden: \(NumberStyle(.de).int(found)) Werte"
                      : "expected [first grade, last grade], found \(found) values"
        case let .gradesReversed(first, last):
            return de ? "die erste Klassenstufe \(first) liegt nach der letzten, \(last)" : "first grade \(first) is after last grade \(last)"
        }
    }

    /// YAML aliases that would add more nodes than the loader walks.
    static func aliasesExpand(anchor: String, limit: Int, _ l: ReportLanguage) -> String {
        l == .de ? "YAML-Aliase (hier *\(anchor)) ergeben mehr als \(NumberStyle(.de).int(limit)) Knoten; bitte die Werte ausschreiben oder weniger Aliase verwenden"
                 : "YAML aliases (here *\(anchor)) expand to more than \(NumberStyle(.en).int(limit)) nodes; write the values out or use fewer aliases"
    }

    /// A column of an allocation table: what it holds and the key that names it.
    static func allocationColumn(pool: String, amount: Bool, _ l: ReportLanguage) -> String {
        switch (amount, l == .de) {
        case (false, true): return "der Schlüssel des Schulträgers; pools.\(pool).split.columns.authority nennt sie"
        case (false, false): return "the authority key; pools.\(pool).split.columns.authority names it"
        case (true, true): return "der Betrag in Euro; pools.\(pool).split.columns.amount nennt sie"
        case (true, false): return "the amount in euros; pools.\(pool).split.columns.amount names it"
        }
    }

    /// Whether a German message leaves out the range a number was checked against because the
    /// phrase names it ("a number of schools from 0 to 10,000") or a count is not a range.
    static func namesItsRange(_ p: LoaderPhrase) -> Bool {
        switch p {
        case .grade, .pupilCount, .teacherCount, .deviceCount: return false
        default: return true
        }
    }

    /// What a key of the loader's sections holds, or which words it allows.
    public static func text(_ p: LoaderPhrase, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .periods:
            return de ? "die Planungszeiträume, z. B. {every: week, from: 2020-11-16, until: 2021-05-02}"
                      : "the planning periods, e.g. {every: week, from: 2020-11-16, until: 2021-05-02}"
        case .supply:
            return de ? "was der Lieferant liefert, z. B. {cumulative: true, by: {2020-12-31: 3500, 2021-04-30: rest}}"
                      : "what the supplier delivers, e.g. {cumulative: true, by: {2020-12-31: 3500, 2021-04-30: rest}}"
        case .imaging:
            return de ? "wie viele Schulen der IT-Dienst je Zeitraum einrichten kann, z. B. {schoolsPerPeriod: 8}"
                      : "schools the IT service can image per period, e.g. {schoolsPerPeriod: 8}"
        case .schoolsPerPeriod:
            return de ? "wie viele Schulen der IT-Dienst in einem Zeitraum einrichten kann" : "schools the IT service can image in one period"
        case .teacherDevices:
            return de ? "„first“ (Geräte für Lehrkräfte vor denen für Schülerinnen und Schüler), „last“ (danach), „mixed“ (nach Gewicht)"
                      : "first (teacher devices before pupil devices), last (after), mixed (by weight)"
        case .supplySpread:
            return de ? "„even“ (die Geräte kommen gleichmäßig zwischen zwei Daten an), „onDate“ (alle am Datum der Zahl)"
                      : "even (devices arrive evenly between two dates), onDate (all on the figure's date)"
        case .date:
            return de ? "ein Datum im Format JJJJ-MM-TT (z. B. 2020-12-31) zwischen 1900 und 2199"
                      : "a date written yyyy-mm-dd (e.g. 2020-12-31) between 1900 and 2199"
        case .splitWord:
            return de ? "„none“, „authorities“ (das Budget ist das des Bezugs-Schulträgers; jeder Schulträger bekommt es nach dem Schlüssel skaliert) oder eine Zuordnung mit „by“: \(text(LoaderPhrase.splitRules, l))"
                      : "none, authorities (the budget is the reference authority's; every authority gets it scaled by the key), or a mapping with 'by': \(text(LoaderPhrase.splitRules, l))"
        case .splitRules:
            return de ? "„key“ (Schülerinnen und Schüler, gewichtet nach Sozialindexstufe, authorities.key), „perDevice“ (ein Betrag × die Lehrkräfte oder Schülerinnen und Schüler jedes Schulträgers), „table“ (Beträge je Schulträger aus einer CSV-Datei)"
                      : "key (pupils weighted by social-index level, authorities.key), perDevice (an amount × each authority's teachers or pupils), table (amounts per authority from a CSV file)"
        case .poolRules:
            return de ? "„grant“ (zahlt einen Anteil der gedeckelten Kosten je Gerät), „remainder“ (zahlt Eigenanteile und Kosten über den Obergrenzen), „any“ (zahlt beliebige Kosten)"
                      : "grant (pays a rate of capped cost per device), remainder (pays own shares and cost above caps), any (pays any cost)"
        case .perDeviceAmount:
            return de ? "Euro je Gerät der Bezugsgröße, z. B. 500 für die Richtlinie Endgeräte für Lehrkräfte"
                      : "euros per device of the basis, e.g. 500 for the teacher directive"
        case .allocationTable:
            return de ? "eine CSV-Tabelle mit einer Zeile je Schulträger: sein Schlüssel und sein Betrag in Euro"
                      : "a CSV table with a row per authority: its key and its amount in euros"
        case .authorityKeyKeys:
            return "pupilWeightByLevel, withoutLevel"
        case .referenceBudget:
            return de ? "das Budget des Bezugs-Schulträgers, das „split.by: key“ auf jeden Schulträger skaliert; oder split.stateTotal angeben"
                      : "the reference authority's budget, which split.by: key scales to every authority; or give split.stateTotal"
        case .tableAmount:
            return de ? "ein Betrag in Euro, 0 oder mehr (höchstens 2 Nachkommastellen, ohne Tausendertrennzeichen)"
                      : "an amount in euros, 0 or more (at most 2 decimals, no thousands separators)"
        case .grade:
            return de ? "eine Klassenstufe" : "a grade"
        case .pupilCount: return de ? "eine Zahl von Schülerinnen und Schülern" : "a pupil count"
        case .teacherCount: return de ? "eine Zahl von Lehrkräften" : "a teacher count"
        case .deviceCount: return de ? "eine Zahl von Geräten" : "a device count"
        case .levelOrNone: return de ? "eine Indexstufe 1–9 oder „none“" : "an index level 1-9 or 'none'"
        case .devicesOrRest: return de ? "eine Zahl von Geräten (0 bis 10.000.000) oder „rest“" : "a number of devices (0 to 10,000,000) or 'rest'"
        case .schoolsUpTo10000: return de ? "eine Zahl von Schulen von 0 bis 10.000" : "a number of schools from 0 to 10,000"
        case .poolSource: return de ? "„grant“ (Fördermittel) oder „own“ (Eigenmittel)" : "grant or own"
        case .costKinds: return de ? "„investment“ (Investition), „operating“ (laufende Kosten)" : "investment, operating"
        case .planPath: return de ? "der Pfad einer plan.json" : "a plan.json path"
        case .devicesPerKind: return de ? "Geräte je Geräteart" : "devices per device kind"
        case .guarantee:
            return de ? "„per-kind“ (eine Garantie je Geräteart, in der Reihenfolge von „order“), „joint“ (eine kleinste Abdeckung über alle Gerätearten zusammen)"
                      : "per-kind (one guarantee per device kind, in the order of 'order'), joint (one smallest coverage over all kinds together)"
        }
    }
}
