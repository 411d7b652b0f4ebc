import Foundation
import Testing
@testable import Allocation
@testable import Reports
import TestSupport

/// Issue 15, the last leftovers: objective ids ("maximin") as a German name, the roll-out's
/// "Images", the help's unknown subcommand and the words the command line made itself (a
/// multi-year mark, the history's years mismatch, its time stamps), each in both languages.
@Suite struct GermanLastLeftoversTests {
    /// An objective id shown as a name: the id outside parentheses (a key path like
    /// `maximin.guarantee` is a name, not a label).
    static func rawObjectiveIDs(in text: String) -> [String] {
        let plain = text.replacingOccurrences(of: #"\([^()]*\)"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: "„[^“]*“", with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"[A-Za-z_]+(\.[A-Za-z0-9_<>-]+)+"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"[A-Za-z0-9_.-]*/[A-Za-z0-9_./-]+"#, with: " ", options: .regularExpression)
        return ObjectiveMode.allCases.map(\.rawValue).filter { id in
            plain.range(of: #"(?<![A-Za-z-])"# + NSRegularExpression.escapedPattern(for: id) + #"(?![A-Za-z-])"#,
                        options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    @Test func theCheckFindsARawObjectiveID() {
        #expect(Self.rawObjectiveIDs(in: "Zielfunktion: maximin (größte kleinste Abdeckung)") == ["maximin"])
        #expect(Self.rawObjectiveIDs(in: "Zielfunktion: größte Mindestabdeckung (maximin) · maximin.guarantee") == [])
    }

    @Test(arguments: ObjectiveMode.allCases, [MaximinRule.Guarantee.joint, .perKind])
    func objectivesHaveGermanNames(_ mode: ObjectiveMode, _ guarantee: MaximinRule.Guarantee) {
        let de = Words(language: .de), en = Words(language: .en)
        for name in [de.objectiveName(mode, maximin: guarantee), de.objectiveShort(mode, maximin: guarantee),
                     de.auditValue("objective", mode.rawValue), de.objectiveLine(mode, maximin: guarantee, schools: 3),
                     StatusWords(.de).validCounts(schools: 3, pools: 2, kinds: 2, objective: mode, maximin: guarantee)] {
            #expect(Self.rawObjectiveIDs(in: name).isEmpty, "\(name)")
            #expect(name.contains("(\(mode.rawValue))"), "the id stays as a hint: \(name)")
        }
        // English names the objective by its id, as before.
        #expect(en.objectiveShort(mode, maximin: guarantee) == mode.rawValue)
        #expect(en.objectiveLine(mode, maximin: guarantee, schools: 3) == "Objective: \(mode.rawValue) · 3 schools\n")
        #expect(en.auditValue("objective", mode.rawValue) == mode.rawValue)
    }

    /// Every German output of the language test's plan (report, summary, comparison, explain,
    /// workbook, …): no objective id as a name, no "Image" without its German word.
    @Test func germanOutputsNameObjectivesAndTheSetupInGerman() throws {
        let outputs = try LanguageTests.render(.de)
        for (name, text) in outputs.texts {
            let shown = LanguageTests.visible(text, data: outputs.data)
            #expect(Self.rawObjectiveIDs(in: shown).isEmpty, "\(name) shows \(Self.rawObjectiveIDs(in: shown)) as a name")
            // "Image" only as the hint after "Einrichtung" or in "Geräte-Image".
            let loose = shown.replacingOccurrences(of: "Einrichtung (Image)", with: " ").replacingOccurrences(of: "Geräte-Image", with: " ")
                .replacingOccurrences(of: "(Image mit", with: " ")
            #expect(loose.range(of: #"\bImages?\b"#, options: .regularExpression) == nil, "\(name) says Image: \(name)")
        }
        let schedule = try #require(outputs.texts.first { $0.name == "schedule" }?.text)
        #expect(schedule.contains("Einrichtung (Image)") && schedule.contains("Eingerichtet"), "\(schedule)")
        let gantt = try #require(outputs.texts.first { $0.name == "schedule.svg" }?.text)
        #expect(gantt.contains("Einrichtung (Image)") && gantt.contains("Einrichtung fertig"))
        // English keeps its words.
        let english = try LanguageTests.render(.en)
        let enSchedule = try #require(english.texts.first { $0.name == "schedule" }?.text)
        #expect(enSchedule.contains("imaging") && enSchedule.contains("Imaged") && !enSchedule.contains("Einrichtung"))
    }

    @Test func theHelpsUnknownSubcommand() {
        let en = UsageWords.unknownSubcommand("nonsense", of: "allocate", allowed: ["solve", "compare"])
        #expect(en == "unknown subcommand 'nonsense' of 'allocate'; allowed: 'solve', 'compare'")
        let de = UsageWords.sentence(en)
        #expect(de == "unbekannter Unterbefehl „nonsense“ von „allocate“; erlaubt: „solve“, „compare“")
        let none = UsageWords.unknownSubcommand("x", of: "allocate solve", allowed: [])
        #expect(UsageWords.sentence(none) == "unbekannter Unterbefehl „x“: „allocate solve“ hat keine Unterbefehle")
        for (e, d) in [(en, de), (none, UsageWords.sentence(none))] {
            #expect(MessageWords.english(e, in: d, shared: ["allocate", "solve", "compare", "nonsense"]).isEmpty, "\(d)")
        }
    }

    @Test func theCommandLinesOwnWordsInBothLanguages() {
        let de = StatusWords(.de), en = StatusWords(.en)
        #expect(de.multiYearMark == " – Mehrjahresplan" && en.multiYearMark == " – multi-year plan")
        let mismatchDe = de.yearsHistoryMismatch([de.runKind(3, years: true), de.runKind(4, years: false)])
        let mismatchEn = en.yearsHistoryMismatch([en.runKind(3, years: true), en.runKind(4, years: false)])
        #expect(mismatchEn == "history diff: run 3: multi-year plan (years), run 4: one-year plan; allowed: two one-year plans or two multi-year plans")
        #expect(mismatchDe == "history diff: Lauf 3: Mehrjahresplan (years), Lauf 4: Einjahresplan; erlaubt sind zwei Einjahrespläne oder zwei Mehrjahrespläne")
        #expect(MessageWords.english(mismatchEn, in: mismatchDe, shared: ["history", "diff", "years"]).isEmpty)
        let files: [(path: String, years: Bool)] = [("a.yaml", true), ("b.yaml", false)]
        for command in ["compare", "report --years --compare"] {
            let d = de.yearsCompareMismatch(command: command, files: files), e = en.yearsCompareMismatch(command: command, files: files)
            #expect(d != e && MessageWords.english(e, in: d, shared: ["compare", "report", "years", "a.yaml", "b.yaml"]).isEmpty, "\(d)")
        }
        #expect(DateText(.de).stamp(iso: "2026-12-02T07:36:12Z") == "02.12.2026 07:36:12 UTC")
        #expect(DateText(.en).stamp(iso: "2026-12-02T07:36:12Z") == "2026-12-02 07:36:12 UTC")
        #expect(DateText(.de).stamp(iso: "gestern") == "gestern")
    }

    /// The run history's own words: a multi-year run's figure labels (German kept with the run,
    /// English from the key) and what changed since a run was recorded.
    @Test func theHistorysWordsInBothLanguages() {
        for part in HistoryFigureWords.Part.allCases {
            let de = HistoryFigureWords.label(part, owner: "Stadt 2027", .de), en = HistoryFigureWords.label(part, owner: "Stadt 2027", .en)
            #expect(de != en && MessageWords.english(en, in: de, shared: ["Stadt"]).isEmpty, "\(de)")
            #expect(!en.contains { "äöüßÄÖÜ".contains($0) } && !["bewilligt", "Bedarf", "gesamt", "Eigenmittel"].contains { en.contains($0) }, "\(en)")
        }
        #expect(HistoryFigureWords.part(key: "pool.stadt.2027.granted") == .granted)
        #expect(HistoryFigureWords.part(key: "total.smallestCoverage") == .smallestCoverage)
        #expect(HistoryFigureWords.part(key: "plan.total") == nil)
        #expect(HistoryFigureWords.label(.granted, owner: "Stadt 2027", .de) == "Stadt 2027: bewilligt")
        #expect(HistoryFigureWords.label(.changes, .en) == "Changes (bought + retired)")
        for (de, en) in [HistoryFigureWords.toolVersion(then: "1.0", now: "1.1"), HistoryFigureWords.glpk(then: "5.0", now: "5.1"),
                         HistoryFigureWords.inputRemoved("a.yaml"), HistoryFigureWords.inputChanged("a.yaml", then: "abc", now: "def"),
                         HistoryFigureWords.figure(label: "Ausgegeben", key: "total.spent", then: .money(Money(cents: 100)), now: nil)] {
            #expect(de != en && MessageWords.english(en, in: de, shared: ["GLPK", "SHA-256", "a.yaml"]).isEmpty, "\(de)")
        }
    }

    /// The roll-out's periods in German as a planner says them ("KW 47/2020", "Nov. 2020") in
    /// the text, the report and the chart; CSV and JSON keep the label; English as it is.
    @Test func periodsInGerman() throws {
        let de = Words(language: .de), en = Words(language: .en)
        #expect(de.periodName("2020-W47") == "KW 47/2020" && de.periodName("2021-W01") == "KW 1/2021")
        #expect(de.periodName("2020-11") == "Nov. 2020" && de.periodName("2021-03") == "März 2021")
        #expect(de.periodName("Welle 1") == "Welle 1" && de.periodName("2020-13") == "2020-13")
        #expect(en.periodName("2020-W47") == "2020-W47")
        let outputs = try LanguageTests.render(.de)
        for name in ["schedule", "schedule.svg", "report.html"] {
            let text = try #require(outputs.texts.first { $0.name == name }?.text)
            #expect(text.range(of: #"\b\d{4}-W\d{2}\b"#, options: .regularExpression) == nil, "\(name) shows an ISO week label")
            #expect(text.contains("KW "), "\(name)")
        }
        let csv = try #require(outputs.texts.first { $0.name == "schedule.csv" }?.text)
        #expect(csv.range(of: #"\d{4}-W\d{2}"#, options: .regularExpression) != nil, "the CSV keeps the label")
    }
}
