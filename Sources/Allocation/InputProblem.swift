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
    /// A schedule section that cannot be read (InputProblem+Loader.swift).
    case schedule(ScheduleProblem)
    /// A pool's split, the authorities section or an allocation table that cannot be read.
    case split(SplitProblem)
    /// An entry of the kinds, pools or need sections that cannot be read.
    case section(SectionProblem)
    /// A value of the multi-year `years:` section that does not fit (`InputProblem+Years.swift`).
    case years(YearsProblem)
    /// A value outside what an option allows ("found 65, allowed: 1 to 64"; text is quoted).
    case outside(Found, allowed: Allowed)
    /// A problem not yet handed over as facts: its English words, shown in every language.
    case text(String)

    // MARK: Observed files, init, commands, run histories (issue 15, the command errors;
    // words in Sources/Reports/ErrorWords+Commands.swift)

    /// A calibration's observed-counts file that does not fit the scenario.
    case observed(ObservedProblem)
    /// `allocate init --municipality`: a municipality the template cannot make a scenario of.
    case municipality(MunicipalityProblem)
    /// A command that cannot do what it was asked (its options together, its outputs).
    case command(CommandProblem)
    /// A run history that cannot be read, or a recorded run that cannot be made again.
    case history(HistoryProblem)

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
        /// An allocation table's authority key or amount (pools.<pool>.split.columns names it).
        case authorityKey(pool: String)
        case amount(pool: String)
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
        /// Not well-formed YAML (libyaml's reason, the place in `ScenarioError`).
        case syntax(YAMLSyntax)
        case duplicateKeys([String])
        /// A section every scenario needs.
        case missingSection(String)
        case keyNotText
        case aliases
        /// YAML aliases (here `anchor`) that would add more than `limit` nodes.
        case aliasesExpand(anchor: String, limit: Int)
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

    // MARK: Observed files, init, commands, run histories (issue 15, the command errors)

    /// What a row of an observed-counts file is about (`ObservedGroup.Kind` of Calibration).
    public enum GroupKind: String, Sendable, Equatable { case total, district, school, form, level }

    /// Why a calibration's observed-counts file does not fit the scenario.
    public enum ObservedProblem: Sendable, Equatable {
        /// No column names a group; `allowed`: the header names that do.
        case noGroupColumn(allowed: [String])
        /// No column left for the counts; `columns`: the header's.
        case noCountColumn(columns: [String])
        /// More than one column could hold the counts.
        case severalCountColumns([String])
        /// A row names a group in more than one column.
        case groupInSeveralColumns([String])
        /// A district, school or form the scenario does not have; `known`: the scenario's (for
        /// schools only their number counts: `schools`).
        case unknownGroup(GroupKind, found: String, known: [String], schools: Int)
        /// The same group on two rows.
        case repeated(GroupKind, key: String, firstLine: Int)
        /// A header and no rows.
        case noRows
        /// The total is below the sum of one kind of group.
        case totalBelowParts(total: Int, kind: GroupKind, rows: Int, sum: Int, lines: [Int])
        /// A district is below the sum of its schools.
        case districtBelowSchools(district: String, observed: Int, rows: Int, sum: Int)
    }

    /// Why `allocate init` cannot make a scenario of a municipality.
    public enum MunicipalityProblem: Sendable, Equatable {
        /// The school table has no column with the municipality key.
        case noKeyColumn(String)
        /// A name that fits several municipalities (each "key name").
        case ambiguous(String, matches: [String])
        /// Neither a key nor a name; `close`: the nearest names ("key (name)").
        case notFound(String, close: [String])
        case noPublicSchool(key: String, name: String)
        /// Pools of the template without a split rule.
        case poolsNotSplit([String])
    }

    /// Why a command cannot do what it was asked.
    public enum CommandProblem: Sendable, Equatable {
        /// A sweep grid with more points than allowed.
        case gridTooLarge(limit: Int)
        /// An option that only works together with another (`option`, its `argument` as help shows it).
        case onlyWith(option: String, argument: String)
        /// The scenario has no schedule section; `option`: the flag that asked for one (nil: the command).
        case noScheduleSection(option: String?)
        /// The scenario has no `years:` section; `option`: the flag that asked for the multi-year plan.
        case noYearsSection(option: String)
        /// A temporary folder that cannot be made (the system's reason).
        case temporaryFolder(path: String, reason: String)
        /// GLPK wrote a model file that cannot be read back.
        case modelNotReadBack(path: String)
        /// The workbook cannot be built (the library's reason).
        case workbook(String)
        /// The scenario is not in the planner's scenarios folder.
        case notInScenariosFolder(folder: String)
        /// The planner cannot listen on the address (the system's reason).
        case cannotServe(address: String, reason: String)
        /// `history bench` with recording switched off.
        case recordingOff
        /// A text a lower layer already words in both languages (the planner's own refusals).
        case worded(en: String, de: String?)
    }

    /// A part of a recorded run the history keeps packed.
    public enum StoredPart: Sendable, Equatable {
        /// The plan JSON as the run wrote it.
        case planJSON
        /// The multi-year plan (`allocate years`).
        case yearsPlan
    }

    /// Why a stored part cannot be unpacked.
    public enum UnpackFailure: Sendable, Equatable {
        /// The compressed bytes do not inflate.
        case damaged
        /// The unpacked bytes are not JSON.
        case notJSON
        /// A value the part needs is missing (its key path, "" at the top).
        case missing(String)
        /// A value has the wrong type or is not valid (its key path).
        case invalid(String)
        /// Any other reason, as the library says it (English).
        case other(String)
    }

    /// Why a run history cannot be read, or a recorded run not made again.
    public enum HistoryProblem: Sendable, Equatable {
        /// SQLite's or the system's reason (English, from the library).
        case database(String)
        /// A stored plan that cannot be unpacked: which one and why.
        case unpack(StoredPart, UnpackFailure)
        /// The plan's run read no files.
        case noInputFiles(plan: String)
        /// An input file that changed since the run and is not kept (its recorded SHA-256).
        case changedNotKept(sha256: String)
        /// The system's reason a temporary copy cannot be written.
        case temporaryCopy(String)
        /// The recorded scenario no longer loads: `place` (file:line: key) and the problem.
        indirect case noLongerLoads(place: String, InputProblem)
        /// The scenario now reads a file the run did not record.
        case unrecordedFile(sha256: String)
        /// No history at the path.
        case noHistory
        /// No run with this number or id start.
        case runNotFound(String)
        /// A plan number beyond the run's plans.
        case planOutOfRange(Int, plans: Int, run: String)
        /// A run that stored no plan (`plansOnly`: the command needs one: say which runs have).
        case noPlanStored(run: String, command: String, plansOnly: Bool)
        /// The plan solved again is not the stored one (`en`, `de`: the differences, worded by History).
        case differs(run: String, plan: String, en: [String], de: [String])
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
    /// What a key of the loader's sections holds or allows (InputProblem+Loader.swift).
    case loader(LoaderPhrase)
    case english(String)
    /// A phrase of the key table in both languages (the key's `what`: "a CSV file path").
    case worded(en: String, de: String)
    // Observed counts of a calibration (issue 15, the command errors):
    /// a whole number of devices, 0 or more
    case wholeDevices
    /// a count of devices, 0 or more
    case deviceCount
    /// an index level 1-9
    case levelOneToNine

    public init(stringLiteral value: String) { self = .english(value) }
}

/// Why a scenario cannot hold, as facts: which rule, the floors it asks, how much money is
/// missing, and each single change that would make it hold, exact to the cent.
/// `Sources/Reports/ErrorWords.swift` words it.
public struct Infeasibility: Sendable, Equatable {
    public enum Rule: Sendable, Equatable { case coverageFloors }

    /// A device kind's coverage floor and the devices it asks for, summed over the schools.
    /// `label`: the kind as a reader knows it (the scenario's label; nil: only the id is known);
    /// `basis`: whose need it meets (English names a kind by it, "pupil devices").
    public struct Floor: Sendable, Equatable {
        public var kind: String
        public var floor: Decimal
        public var devices: Int
        public var label: String?
        public var basis: DeviceKind.Basis?
        public init(kind: String, floor: Decimal, devices: Int, label: String? = nil, basis: DeviceKind.Basis? = nil) {
            self.kind = kind; self.floor = floor; self.devices = devices; self.label = label; self.basis = basis
        }
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
