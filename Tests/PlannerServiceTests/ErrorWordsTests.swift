import Foundation
import Testing
import Allocation
import LinearProgramming
import Reports
import ScenarioFiles
import Scheduling

/// Issue 17 (the domain builds no sentences) and 15 (German throughout): every fact an error
/// carries is worded in both languages by ErrorWords, and no German text keeps an English word
/// of the English frames.
@Suite struct ErrorWordsTests {
    static let infeasibility = Infeasibility(
        rule: .coverageFloors, floors: [.init(kind: "pupil", floor: Decimal(string: "0.99")!, devices: 20014)],
        shortfall: Money(cents: 15_037_220),
        fixes: [.raiseBudget(pool: "sofort", name: "Sofortausstattung", by: Money(cents: 15_037_220), to: Money(cents: 625_037_220)),
                .lowerFloor(kind: "pupil", from: Decimal(string: "0.99")!, to: Decimal(string: "0.965")!)])

    /// One of each problem (a new case belongs here).
    static let problems: [InputProblem] = [
        .found(.text("abc"), expected: .money(positive: true)), .found(.notFinite("nan"), expected: .shareOfNeed),
        .found(.exponent("1e40", .overflows), expected: .money(positive: false)), .found(.number("1.5"), expected: .fundingRate),
        .found(.number("2000"), expected: .weight, range: .between(0, 1000)), .found(.number("12"), expected: .wholeNumber, range: .wholeFromTo(1, 9)),
        .found(.number("-1"), expected: .moneyAtMost(positive: false)), .found(.text("vielleicht"), expected: .trueOrFalse),
        .notAllowed(found: "fairest", allowed: "maximin, weighted"), .unknownKey(suggestion: "unitPrice", allowed: ["label", "unitPrice"]),
        .unknownKey(suggestion: nil, allowed: ["label"]), .unknownEntry(.pools, id: "sofrot", suggestion: "sofort", existing: ["sofort", "stadt"]),
        .unknownEntry(.deviceKinds, id: "pupill", suggestion: "pupil", existing: ["pupil"]),
        .wrongKind(expected: .mapping, found: .list), .wrongKind(expected: .list, found: .scalar("x")), .wrongKind(expected: .text, found: .mapping),
        .missing(key: "basis", why: .basis), .missing(key: "unitPrice", why: .eurosPerBundle), .missing(key: "kinds", why: .poolKinds),
        .missing(key: "rule", why: .poolRule), .missing(key: "budget", why: .euros), .missing(key: "pupilWeightByLevel", why: nil),
        .grantPaysNothing(kind: "pupil"), .grantNeedsRateAndCap,
        .tooManyAdded(.deviceKinds, count: 3, names: ["k0", "k1", "k2"], existing: 2, limit: 2),
        .tooManyAdded(.pools, count: 7, names: ["a", "b", "c", "d", "e", "f", "g"], existing: 4, limit: 2),
        .emptyKeyPathPart(path: "pools..budget"), .tooManyDecimals(what: nil, value: Decimal(string: "0.1234567")!, limit: 6),
        .tooManyDecimals(what: "coverage floor of pupil", value: Decimal(string: "0.1234567")!, limit: 6), .explainNeedsOneAuthority,
        .file(.notFound), .file(.danglingLink), .file(.unreadable("Permission denied (errno 13)")), .file(.directory),
        .file(.notRegular(.fifo)), .file(.notRegular(.characterDevice)), .file(.notRegular(.blockDevice)), .file(.notRegular(.socket)),
        .file(.notRegular(nil)), .file(.tooLarge(mebibytes: 300, limit: 256)), .file(.grewAbove(limit: 256)), .file(.binary(byte: 17)),
        .file(.notUTF8(at: (3, 17))), .file(.notUTF8(at: nil)),
        .found(.text("x"), expected: .wholeNumberUpTo(100_000)), .found(.text("1-2"), expected: .schoolNumber),
        .found(.text("10"), expected: .indexLevel), .found(.text("north"), expected: .coordinate(47, 56)),
        .missing(key: "file", why: .schoolTableFile), .missing(key: "keyFigures", why: .keyFiguresFile),
        .csv(.quoteNeverClosed), .csv(.textAfterQuote), .csv(.quoteInsideUnquotedField), .csv(.empty),
        .csv(.fieldCount(found: 3, header: 4, delimiter: ";", choice: nil)), .csv(.fieldCount(found: 1, header: 2, delimiter: ",", choice: .neitherInHeader)),
        .csv(.duplicateColumn("schulnummer")),
        .csv(.noColumn("lehrkraefte", use: .teachers, columns: (1...31).map { "c\($0)" }, choice: .moreFrequent(delimiter: ";", commas: 1, semicolons: 3))),
        .csv(.noColumn("x", use: .key("schools.columns.id"), columns: ["a"], choice: nil)), .csv(.noColumn("x", use: .namedInInclude, columns: ["a"], choice: nil)),
        .csv(.noColumn("x", use: .schoolForm, columns: ["a"], choice: nil)), .csv(.noColumn("x", use: .pupils, columns: ["a"], choice: nil)),
        .csv(.noColumn("x", use: .generatorCopies, columns: ["a"], choice: nil)), .csv(.noColumn("x", use: .observedCounts, columns: ["a"], choice: nil)),
        .schools(.emptyColumnList), .schools(.duplicateSchool(id: "100001", firstLine: 2)), .schools(.noneIncluded(table: "schools.csv")),
        .schools(.teachersUnknown(column: "lehrkraefte")), .schools(.noSuchSchool(id: "1")), .schools(.keyFiguresRow),
        .schools(.notAForm("GY", table: "kf.csv", forms: ["Gymnasium"])), .schools(.formNotListed(school: "1", form: "GY", table: "kf.csv")),
        .scenarioFile(.extendsCycle(["a.yaml", "b.yaml", "a.yaml"])), .scenarioFile(.extendsTooDeep(limit: 32)), .scenarioFile(.tooLarge(kibibytes: 2048)),
        .scenarioFile(.empty), .scenarioFile(.notAScenario), .scenarioFile(.extendsNotAPath), .scenarioFile(.overrideSyntax),
        .scenarioFile(.extendsOnCommandLine), .scenarioFile(.notYAML("x")), .scenarioFile(.malformed("x")), .scenarioFile(.duplicateKeys(["a"])),
        .scenarioFile(.syntax(YAMLSyntax(problem: "did not find expected key", context: "while parsing a block mapping", contextLine: 2, contextColumn: 3, found: .text("b: 2")))),
        .scenarioFile(.syntax(YAMLSyntax(problem: "found unexpected end of stream", context: "while scanning a quoted scalar", contextLine: 1, contextColumn: 7, found: .endOfFile))),
        .scenarioFile(.missingSection("pools")), .scenarioFile(.keyNotText), .scenarioFile(.aliases), .scenarioFile(.outsideFolder("Scenarios")),
        .found(.number("0–14"), expected: .grades), .found(.number("10"), expected: .levelOrExclude), .found(.number("0.7"), expected: .relativeGap),
        .found(.number("0"), expected: .seconds), .found(.number("0.9"), expected: .relativeTolerance),
        .rule(.noDeviceKinds), .rule(.noPools), .rule(.definedTwice(.deviceKinds, id: "pupil")), .rule(.definedTwice(.pools, id: "sofort")),
        .rule(.unknownKind("tablet", defined: ["pupil", "teacher"])), .rule(.grantIsOwnMoney), .rule(.partlySplit(split: ["sofort"], shared: ["stadt"])),
        .rule(.missingLevels([1, 2])), .rule(.noSuchLevel(10)), .rule(.notASchoolForm("GY", allowed: ["Gymnasium"])),
        .rule(.noRuleWithoutLevel(school: "1", form: "Gymnasium")), .rule(.schoolIndex(school: "1", level: 12)),
        .rule(.schoolCounts(school: "1", pupils: -1, teachers: 2000, existing: 0)), .rule(.notADeviceKind("tablet", kinds: ["pupil"])),
        .rule(.listedTwice("pupil")), .rule(.orderNeedsPerKind), .rule(.noNeedEntry(level: 3, school: "1")), .rule(.noTeacherRatio(form: "GY")),
        .outside(.number("65"), allowed: .fromTo("1", "64")), .outside(.number("0"), allowed: .secondsFromTo("0.001", "86400")),
        .outside(.number("0"), allowed: .secondsUpTo("86400")), .outside(.text("gestern"), allowed: .isoTime), .outside(.text("x"), allowed: .dayOrTime),
    ]

    static let errors: [any Error] = problems.map { ScenarioError(file: "s.yaml", line: 3, key: "k", $0) } + [
        AllocationError.infeasible(infeasibility),
        AllocationError.infeasible(Infeasibility(rule: .coverageFloors, floors: Self.infeasibility.floors, shortfall: nil, fixes: [])),
        AllocationError.infeasible(Infeasibility(rule: .coverageFloors, floors: Self.infeasibility.floors, shortfall: Money(cents: 100), fixes: [])),
        AllocationError.inconsistentScenario(ScenarioIssue("", .explainNeedsOneAuthority)), AllocationError.noPlanFound(.fundingCheckTimedOut),
        AllocationError.cancelled, AllocationError.verificationFailed(["x"]), AllocationError.internalError("x"),
        AllocationError.unexpectedStatus(stage: "s", status: "undefined", why: "x"), AllocationError.solver(.solverFailure("x")),
        SolverError.invalidOption("x"), SolverError.cancelled, ScheduleError.noScheduleFound(.timeLimit(1)), ScheduleError.verificationFailed(["x"]),
        ScheduleError.unexpectedStatus(stage: "s", status: "x"), OutputError(path: "out/plan.json", reason: "x"),
        CommandError(option: "--lang", .notAllowed(found: "fr", allowed: "de, en")), CommandError(option: "--workers", .outside(.number("65"), allowed: .fromTo("1", "64"))),
    ]

    @Test func everyErrorIsWordedInGermanWithoutEnglishFrames() {
        for error in Self.errors {
            let de = ErrorWords.text(error, .de), en = ErrorWords.text(error, .en)
            #expect(de != en, "\(en)")
            #expect(en == "\(error)", "the English words are the error's description: \(en)")
            #expect(GermanMessageTests.english(in: de).isEmpty, "English left in \(de) — \(GermanMessageTests.english(in: de))")
            #expect(!de.contains(" €") && !de.contains(" %"), "German numbers take a no-break space: \(de)")
        }
    }

    @Test func theInfeasibilityAdviceInBothLanguages() {
        let en = ErrorWords.text(AllocationError.infeasible(Self.infeasibility), .en)
        #expect(en == "infeasible: the rule 'coverage floors' cannot hold. The floors pupil 99 % (20,014 devices) cost 150,372.20 € more than the pools can pay. Any one of these makes it hold: raise Sofortausstattung (pools.sofort.budget) by 150,372.20 € to 6,250,372.20 €; lower the coverage floor of pupil (deviceKinds.pupil.coverageFloor) from 99 % to 96.5 %.")
        let de = ErrorWords.text(AllocationError.infeasible(Self.infeasibility), .de)
        #expect(de == "nicht lösbar: die Regel „Mindestabdeckung“ kann nicht eingehalten werden. Die Mindestabdeckungen pupil 99\u{a0}% (20.014 Geräte) kosten 150.372,20\u{a0}€ mehr, als die Förderprogramme zahlen können. Jede einzelne dieser Änderungen genügt: Sofortausstattung (pools.sofort.budget) um 150.372,20\u{a0}€ auf 6.250.372,20\u{a0}€ erhöhen; die Mindestabdeckung für pupil (deviceKinds.pupil.coverageFloor) von 99\u{a0}% auf 96,5\u{a0}% senken.")
    }
}
