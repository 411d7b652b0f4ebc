import Foundation

/// What is wrong with a value of a user's input, as facts: what was found, what is allowed,
/// which key. The scenario rules (`ScenarioIssue`), the loader (`ScenarioFiles.ScenarioError`)
/// and the engine (`AllocationError.inconsistentScenario`) hand these over; the words, in
/// German and English, are `Sources/Reports/ErrorWords.swift` (docs/ARCHITECTURE.md, "A
/// user-visible word").
public enum InputProblem: Sendable, Equatable {
    /// A value that is not what the key allows (`range`: the bounds a number was checked against).
    case found(Found, expected: Allowed, range: Bounds? = nil)
    /// A word that is not one of the allowed ones (`allowed`: the words, as the file spells them).
    case notAllowed(found: String, allowed: String)
    /// A key the section does not have; `suggestion`: the allowed key closest to a typo.
    case unknownKey(suggestion: String?, allowed: [String])
    /// A `--set` names a pool or device kind that does not exist but is a near miss of one
    /// (a typo would make a new, incomplete entry).
    case unknownEntry(Section, id: String, suggestion: String, existing: [String])
    /// A node of the wrong shape (a list where a mapping belongs, …).
    case wrongKind(expected: NodeKind, found: FoundNode)
    /// A required key is not there; `why`: what it holds.
    case missing(key: String, why: Allowed?)
    /// A grant pays nothing for a device kind it may fund (rate × min(price, cap) < 1 cent).
    case grantPaysNothing(kind: String)
    /// A grant without its funding rate or cap.
    case grantNeedsRateAndCap
    /// The planner's overrides add more device kinds or pools than it allows per request.
    case tooManyAdded(Section, count: Int, names: [String], existing: Int, limit: Int)
    /// A `--set` key path with an empty part ("pools..budget").
    case emptyKeyPathPart(path: String)
    /// A share or factor with more decimals than the exact need arithmetic takes; `what`: the
    /// value's name where the message names it ("coverage floor of pupil").
    case tooManyDecimals(what: String?, value: Decimal, limit: Int)
    /// `explain` analyses one budget per pool; this scenario splits pools among authorities.
    case explainNeedsOneAuthority
    /// A file that cannot be read as a text file.
    case file(FileProblem)
    /// A CSV table that cannot be read as one.
    case csv(CSVProblem)
    /// A school table or teacher estimate that does not fit the scenario.
    case schools(SchoolProblem)
    /// A scenario file that cannot be read as a scenario (YAML, extends, --set).
    case scenarioFile(ScenarioFileProblem)
    /// A broken domain rule of a scenario (`Scenario.issues`, the need tables).
    case rule(RuleProblem)
    /// A value of the multi-year `years:` section that does not fit (`InputProblem+Years.swift`).
    case years(YearsProblem)
    /// A value outside what an option allows ("found 65, allowed: 1 to 64"; text is quoted).
    case outside(Found, allowed: Allowed)
    /// A problem not yet handed over as facts: its English words, shown in every language.
    case text(String)

    /// A broken domain rule of a scenario.
    public enum RuleProblem: Sendable, Equatable {
        case noDeviceKinds
        case noPools
        case definedTwice(Section, id: String)
        /// A pool names a device kind that is not defined (`defined`: the kinds that are).
        case unknownKind(String, defined: [String])
        case grantIsOwnMoney
        /// Some pools are split among authorities, others (`shared`) not.
        case partlySplit(split: [String], shared: [String])
        case missingLevels([Int])
        case noSuchLevel(Int)
        /// need.withoutLevel names a form need.schoolForms does not have.
        case notASchoolForm(String, allowed: [String])
        /// A school without index level that no need.withoutLevel rule covers.
        case noRuleWithoutLevel(school: String, form: String)
        case schoolIndex(school: String, level: Int)
        case schoolCounts(school: String, pupils: Int, teachers: Int, existing: Int)
        /// maximin.order names something that is not a device kind.
        case notADeviceKind(String, kinds: [String])
        case listedTwice(String)
        case orderNeedsPerKind
        /// The need tables have no entry for a school's level.
        case noNeedEntry(level: Int, school: String)
        case noTeacherRatio(form: String)
    }

    /// Why a CSV table cannot be read.
    public enum CSVProblem: Sendable, Equatable {
        case quoteNeverClosed
        case textAfterQuote
        case quoteInsideUnquotedField
        /// No header row.
        case empty
        /// A row with another number of fields than the header; `delimiter`: the one read with,
        /// `choice`: why it was assumed (nil: the header held only it).
        case fieldCount(found: Int, header: Int, delimiter: String, choice: DelimiterChoice?)
        case duplicateColumn(String)
        /// A column the scenario needs is not there; `columns`: the header's.
        case noColumn(String, use: ColumnUse, columns: [String], choice: DelimiterChoice?)
    }

    /// Why a table was read with its delimiter when the header was not clear.
    public enum DelimiterChoice: Sendable, Equatable {
        /// Neither ',' nor ';' in the header: one column, read with ','.
        case neitherInHeader
        /// Both in the header: the more frequent was assumed.
        case moreFrequent(delimiter: String, commas: Int, semicolons: Int)
    }

    /// What a table's column is needed for.
    public enum ColumnUse: Sendable, Equatable {
        /// The scenario key that names it ("schools.columns.id").
        case key(String)
        case namedInInclude
        case schoolForm
        case pupils
        case teachers
        case generatorCopies
        /// The observed counts of a calibration (--count-column).
        case observedCounts
    }

    /// Why the school table does not give the scenario its schools.
    public enum SchoolProblem: Sendable, Equatable {
        /// schools.columns.name as an empty list.
        case emptyColumnList
        case duplicateSchool(id: String, firstLine: Int)
        /// No row of the table passes schools.include.
        case noneIncluded(table: String)
        /// The table has no teachers column and the scenario says not how to estimate them.
        case teachersUnknown(column: String)
        /// An override names a school the table does not have.
        case noSuchSchool(id: String)
        /// A key-figures row without whole numbers of pupils and teachers.
        case keyFiguresRow
        /// A form alias that maps to a form the key figures do not list.
        case notAForm(String, table: String, forms: [String])
        /// A school's form the key figures do not list.
        case formNotListed(school: String, form: String, table: String)
    }

    /// Why a scenario file cannot be read as a scenario.
    public enum ScenarioFileProblem: Sendable, Equatable {
        /// extends leads back to a file in the chain (the chain, the file again last).
        case extendsCycle([String])
        case extendsTooDeep(limit: Int)
        case tooLarge(kibibytes: Int)
        case empty
        /// The top of the file is not a mapping.
        case notAScenario
        case extendsNotAPath
        /// A --set that is not key.path=value.
        case overrideSyntax
        case extendsOnCommandLine
        /// The YAML reader's own reason (English, from the library).
        case notYAML(String)
        case malformed(String)
        case duplicateKeys([String])
        /// A section every scenario needs.
        case missingSection(String)
        case keyNotText
        case aliases
        /// The file lies outside the planner's scenarios folder.
        case outsideFolder(String)
    }

    /// Why a file cannot be read as a text file.
    public enum FileProblem: Sendable, Equatable {
        case notFound
        /// A symbolic link to a missing file.
        case danglingLink
        /// The system refused (its reason, e.g. "Permission denied (errno 13)").
        case unreadable(String)
        case directory
        /// Not a regular file: a FIFO, a device, a socket (nil: another kind).
        case notRegular(SpecialFile?)
        case tooLarge(mebibytes: Int, limit: Int)
        /// The file grew above the limit while it was read.
        case grewAbove(limit: Int)
        /// A NUL byte at this byte (1-based): binary, not text.
        case binary(byte: Int)
        /// Not UTF-8; where the first bad byte sits (line, byte of the line), if known.
        case notUTF8(at: (line: Int, byte: Int)?)

        public static func == (a: FileProblem, b: FileProblem) -> Bool {
            switch (a, b) {
            case (.notFound, .notFound), (.danglingLink, .danglingLink), (.directory, .directory): return true
            case let (.unreadable(x), .unreadable(y)): return x == y
            case let (.notRegular(x), .notRegular(y)): return x == y
            case let (.tooLarge(x1, x2), .tooLarge(y1, y2)): return x1 == y1 && x2 == y2
            case let (.grewAbove(x), .grewAbove(y)): return x == y
            case let (.binary(x), .binary(y)): return x == y
            case let (.notUTF8(x), .notUTF8(y)): return x?.line == y?.line && x?.byte == y?.byte
            default: return false
            }
        }
    }

    public enum SpecialFile: Sendable, Equatable { case fifo, characterDevice, blockDevice, socket }

    /// The value as the input had it.
    public enum Found: Sendable, Equatable {
        /// Text that is not a value of the kind (shown quoted).
        case text(String)
        /// A number outside the allowed values (shown as a number).
        case number(String)
        /// NaN or an infinity.
        case notFinite(String)
        /// A number written with an exponent.
        case exponent(String, ExponentProblem)
    }

    /// The bounds a number was checked against: decimals "between a and b", whole numbers "from a to b".
    public enum Bounds: Sendable, Equatable {
        case between(Decimal, Decimal)
        case wholeFromTo(Int, Int)
    }

    public enum NodeKind: Sendable, Equatable { case mapping, list, text }
    public enum FoundNode: Sendable, Equatable { case scalar(String), mapping, list }
    public enum Section: Sendable, Equatable { case deviceKinds, pools }
}

/// What is wrong with a number written with an exponent ("1e-99999999").
public enum ExponentProblem: Sendable, Equatable {
    /// Not written out in plain digits.
    case notWrittenOut
    /// The same, with an example of writing it out (1e6 as 1000000).
    case notWrittenOutExample
    /// So small that it underflows to 0.
    case underflows
    /// So large that it overflows.
    case overflows
}

/// What a value must be, or what a key holds: each a phrase `ErrorWords` words in German and
/// English. `.english` is a phrase not yet handed over as a fact (a free text of the key table).
public enum Allowed: Sendable, Equatable, ExpressibleByStringLiteral {
    /// An amount in euros (at most 2 decimals), above 0 when `positive`, else 0 or more.
    case money(positive: Bool)
    /// An amount in euros above 0 (or 0 or more) and at most 10^12 (`ScenarioLimits.money`).
    case moneyAtMost(positive: Bool)
    case fundingRate
    case shareOfNeed
    case share
    case weight
    case formFactor
    case number
    case wholeNumber
    case trueOrFalse
    /// "pupils or teachers"
    case basis
    /// euros per device bundle (a kind's unit price)
    case eurosPerBundle
    /// the device kinds a pool may pay for
    case poolKinds
    /// grant, remainder or any
    case poolRule
    /// euros (a budget)
    case euros
    /// "a to b" (numbers as the program writes them)
    case fromTo(String, String)
    /// "a to b seconds"
    case secondsFromTo(String, String)
    /// seconds above 0 and at most the bound
    case secondsUpTo(String)
    /// an ISO 8601 time such as 2026-01-31T12:00:00Z
    case isoTime
    /// a day (2026-12-01) or an ISO 8601 time
    case dayOrTime
    /// grades from 1 to 13
    case grades
    /// an index level 1-9 or 'exclude'
    case levelOrExclude
    /// a relative gap from 0 to 0.5
    case relativeGap
    /// seconds from 0.001 to 86400
    case seconds
    /// a relative tolerance from 0 to 0.5
    case relativeTolerance
    /// a whole number from 0 to the bound
    case wholeNumberUpTo(Int)
    /// a school number of ASCII letters and digits
    case schoolNumber
    /// an index level 1-9, empty or 'ohne'
    case indexLevel
    /// a coordinate within the bounds (degrees)
    case coordinate(Double, Double)
    /// the school table (schools.file)
    case schoolTableFile
    /// the key figures table (teachers.keyFigures)
    case keyFiguresFile
    case english(String)

    public init(stringLiteral value: String) { self = .english(value) }
}

/// Why a scenario cannot hold, as facts: which rule, the floors it asks, how much money is
/// missing, and each single change that would make it hold, exact to the cent.
/// `Sources/Reports/ErrorWords.swift` words it.
public struct Infeasibility: Sendable, Equatable {
    public enum Rule: Sendable, Equatable { case coverageFloors }

    /// A device kind's coverage floor and the devices it asks for, summed over the schools.
    public struct Floor: Sendable, Equatable {
        public var kind: String
        public var floor: Decimal
        public var devices: Int
        public init(kind: String, floor: Decimal, devices: Int) { self.kind = kind; self.floor = floor; self.devices = devices }
    }

    /// One change that alone makes the scenario hold.
    public enum Fix: Sendable, Equatable {
        /// Raise the pool's budget by `by` to `to` (the least budget that works, exact to the cent).
        case raiseBudget(pool: String, name: String, by: Money, to: Money)
        /// Lower the kind's coverage floor to the largest one the money pays, in steps of 0.1 %.
        case lowerFloor(kind: String, from: Decimal, to: Decimal)
    }

    public var rule: Rule
    public var floors: [Floor]
    /// How much more than the pools can pay the floors cost (what a pool that may pay any
    /// device would have to add); nil: no pool at all can pay them.
    public var shortfall: Money?
    /// Each change that alone makes the floors payable; empty: none alone does.
    public var fixes: [Fix]

    public init(rule: Rule, floors: [Floor], shortfall: Money?, fixes: [Fix]) {
        self.rule = rule; self.floors = floors; self.shortfall = shortfall; self.fixes = fixes
    }
}
