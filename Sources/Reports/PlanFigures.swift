import Foundation
import Allocation

/// The figures every report shows, computed once from a plan: totals, and groups per
/// index level and per district. Reports only format these.
public struct PlanFigures: Sendable {
    public struct Group: Sendable, Equatable {
        public var key: String
        public var schools: Int
        public var pupilNeed: Int
        public var pupilDevices: Int
        public var teacherNeed: Int
        public var teacherDevices: Int
        public var cost: Money
        public var pupilCoverage: Double? { pupilNeed > 0 ? Double(pupilDevices) / Double(pupilNeed) : nil }
        /// Pupil devices as a share of the pupil need (nil without need).
        public var pupilShare: Share? { Share(pupilDevices, of: pupilNeed) }
        public var teacherShare: Share? { Share(teacherDevices, of: teacherNeed) }
    }

    public let plan: Plan
    public let pupilKinds: [Int]
    public let teacherKinds: [Int]
    public let total: Group
    public let byLevel: [Group]
    public let byDistrict: [Group]

    public init(_ plan: Plan) {
        self.plan = plan
        pupilKinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
        teacherKinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .teachers }
        let pk = pupilKinds, tk = teacherKinds
        // Each school's sums once (plain loops: this runs over every school, kind and pool),
        // then each grouping adds them up by row number.
        let sums = plan.schools.withUnsafeBufferPointer { schools in
            [Sums](unsafeUninitializedCapacity: schools.count) { out, count in
                for i in schools.indices { out.initializeElement(at: i, to: Sums(schools.baseAddress! + i, pk, tk)) }
                count = schools.count
            }
        }
        func group(_ key: String, _ rows: [Int]) -> Group {
            var t = Sums()
            for i in rows { t.add(sums[i]) }
            return t.group(key, schools: rows.count)
        }
        total = group("total", Array(plan.schools.indices))
        // Grouped by the level as a number (a String per school and its hash cost more than the
        // sums), then named as `levelKey` names it.
        let rules = plan.scenario.need
        let byNumber = plan.schools.withUnsafeBufferPointer { schools in
            Dictionary(grouping: schools.indices) { NeedTable.reportLevel((schools.baseAddress! + $0).pointee.school, rules) }
        }
        let levels = Dictionary(uniqueKeysWithValues: byNumber.map { (Self.levelName($0.key), $0.value) })
        byLevel = levels.keys.sorted(by: Self.levelOrder).map { group($0, levels[$0]!) }
        let districts = plan.schools.withUnsafeBufferPointer { schools in Dictionary(grouping: schools.indices) { (schools.baseAddress! + $0).pointee.school.district } }
        byDistrict = Self.sortedByName(districts.keys).map { group($0, districts[$0]!) }
    }

    /// The `total` group of a plan alone (what `init` computes first, without the groupings by
    /// level and district): the run history's headline figures need only this.
    public static func total(_ plan: Plan) -> Group {
        let pk = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
        let tk = plan.kinds.indices.filter { plan.kinds[$0].basis == .teachers }
        var t = Sums()
        plan.schools.withUnsafeBufferPointer { schools in
            for i in schools.indices { t.add(Sums(schools.baseAddress! + i, pk, tk)) }
        }
        return t.group("total", schools: plan.schools.count)
    }

    /// One school's (or a group's) need, devices and cost.
    private struct Sums {
        var pupilNeed = 0, pupilDevices = 0, teacherNeed = 0, teacherDevices = 0, cents = 0
        init() {}
        /// The school read in place through its pointer (`cost` is inlinable: a call across
        /// modules copied the whole school, a retain per field; issue 18: 40,005 schools).
        init(_ a: UnsafePointer<Plan.SchoolAllocation>, _ pk: [Int], _ tk: [Int]) {
            for k in pk { pupilNeed += a.pointee.need[k]; pupilDevices += a.pointee.devices[k] }
            for k in tk { teacherNeed += a.pointee.need[k]; teacherDevices += a.pointee.devices[k] }
            cents = a.pointee.cost.cents
        }
        func group(_ key: String, schools: Int) -> Group {
            Group(key: key, schools: schools, pupilNeed: pupilNeed, pupilDevices: pupilDevices,
                  teacherNeed: teacherNeed, teacherDevices: teacherDevices, cost: Money(cents: cents))
        }
        mutating func add(_ x: Sums) {
            pupilNeed += x.pupilNeed; pupilDevices += x.pupilDevices
            teacherNeed += x.teacherNeed; teacherDevices += x.teacherDevices; cents += x.cents
        }
    }

    /// Names in `nameOrder`, each name's dictionary key worked out once (not once per
    /// comparison: it decomposes the name, and the run history sorts the districts on every record).
    public static func sortedByName(_ names: some Sequence<String>) -> [String] {
        names.map { (key: dictionaryKey($0), name: $0) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.name < $1.name }
            .map(\.name)
    }

    /// Names as a German reader looks them up (DIN 5007-1): "Hörde" between "Hombruch" and
    /// "Huckarde", ä as a, ß as ss, case ignored; names equal that way in code-point order.
    /// No locale is involved, so the order is the same on every machine.
    public static func nameOrder(_ a: String, _ b: String) -> Bool {
        let (x, y) = (dictionaryKey(a), dictionaryKey(b))
        return x != y ? x < y : a < b
    }

    static func dictionaryKey(_ s: String) -> String {
        // Plain ASCII (most names): lower case is the whole key (no ß, nothing to decompose,
        // no marks), without Foundation's case mapping and normalisation (issue 20: a
        // state-wide plan's 400 districts cost 24 M instructions that way).
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for u in s.lowercased().replacingOccurrences(of: "ß", with: "ss").decomposedStringWithCanonicalMapping.unicodeScalars
        where u.properties.generalCategory != .nonspacingMark {
            out.append(u)
        }
        return String(out)
    }

    /// The one grouping of schools by index level, for every output and command: the level the
    /// scenario's need rule gives the school (its own, else need.withoutLevel's rule for its
    /// form), "none" for a school the rule leaves without one.
    public static func levelKey(_ school: School, _ scenario: Scenario) -> String {
        levelName(NeedTable.reportLevel(school, scenario.need))
    }

    /// A level's key: its number, or "none".
    static func levelName(_ level: Int?) -> String { level.map(String.init) ?? "none" }

    /// Index levels 1...9 in order, "none" (schools without a level) last.
    public static func levelOrder(_ a: String, _ b: String) -> Bool {
        (Int(a) ?? 99) < (Int(b) ?? 99)
    }

    public func pupilNeed(_ a: Plan.SchoolAllocation) -> Int { pupilKinds.reduce(0) { $0 + a.need[$1] } }
    public func pupilDevices(_ a: Plan.SchoolAllocation) -> Int { pupilKinds.reduce(0) { $0 + a.devices[$1] } }
    public func teacherDevices(_ a: Plan.SchoolAllocation) -> Int { teacherKinds.reduce(0) { $0 + a.devices[$1] } }
}

/// A share of a whole (devices of a need, cents spent of cents granted), kept as two integers.
///
/// The one rounding rule for shares in every output: a share is shown in percent with one
/// decimal, rounded DOWN (exactly, in integers), so that no output shows more than is there
/// and 6,080 of 6,083 is 99.9 %, never 100.0 %; where the shown figure is below the exact one,
/// sentences say "at least" / "mindestens". A change of a share is the difference of the
/// shown figures, in percentage points, so a reader can check it by subtracting. JSON and CSV
/// carry the exact ratio (shortest decimal that reads back to the same double) beside the
/// counts; XLSX stores the shown (rounded-down) value, so that the cell and its display agree.
public struct Share: Sendable, Hashable {
    public let part: Int, whole: Int

    /// nil when the whole is not positive (no need: no share).
    public init?(_ part: Int, of whole: Int) {
        guard whole > 0 else { return nil }
        self.part = part; self.whole = whole
    }

    public init(_ ratio: Ratio) { part = ratio.numerator; whole = max(1, ratio.denominator) }

    /// Tenths of a percent, rounded down (floor), exactly.
    public var permille: Int {
        let p = part * 1000
        return p >= 0 ? p / whole : -((-p + whole - 1) / whole)
    }

    /// Whether the shown figure is the exact share (nothing was rounded away).
    public var isExact: Bool { (part * 1000) % whole == 0 }

    /// The exact ratio.
    public var ratio: Double { Double(part) / Double(whole) }

    /// The shown figure as a ratio (0.964 for 96.4 %): what XLSX stores.
    public var shown: Double { Double(permille) / 1000 }

    /// The exact ratio for JSON and CSV: the shortest decimal that reads back to the same double.
    public var exactText: String { Share.exactText(ratio) }

    static func exactText(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        var s = "\(d)"
        if s.contains("e") { s = FixedPoint.text(d, 17) }
        return s
    }

    /// Change of the shown figures, in tenths of a percentage point.
    public static func deltaPermille(_ a: Share?, from base: Share?) -> Int? {
        guard let a, let base else { return nil }
        return a.permille - base.permille
    }
}

/// "87.5 %" with one decimal, locale-free, rounded down (the rule of `Share`).
func percentText(_ share: Share?) -> String { NumberStyle(.en).share(share) }

/// A number with a fixed count of decimals, locale-free ("29001.50").
func fixed(_ value: Double, _ decimals: Int) -> String { FixedPoint.text(value, decimals) }
