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
        func group(_ key: String, _ rows: [Plan.SchoolAllocation]) -> Group {
            Group(key: key, schools: rows.count,
                  pupilNeed: rows.reduce(0) { s, a in s + pk.reduce(0) { $0 + a.need[$1] } },
                  pupilDevices: rows.reduce(0) { s, a in s + pk.reduce(0) { $0 + a.devices[$1] } },
                  teacherNeed: rows.reduce(0) { s, a in s + tk.reduce(0) { $0 + a.need[$1] } },
                  teacherDevices: rows.reduce(0) { s, a in s + tk.reduce(0) { $0 + a.devices[$1] } },
                  cost: rows.sum { $0.cost })
        }
        total = group("total", plan.schools)
        let levels = Dictionary(grouping: plan.schools) { $0.school.socialIndex.map(String.init) ?? "none" }
        byLevel = levels.keys.sorted(by: Self.levelOrder).map { group($0, levels[$0]!) }
        let districts = Dictionary(grouping: plan.schools) { $0.school.district }
        byDistrict = districts.keys.sorted(by: Self.nameOrder).map { group($0, districts[$0]!) }
    }

    /// Names as a German reader looks them up (DIN 5007-1): "Hörde" between "Hombruch" and
    /// "Huckarde", ä as a, ß as ss, case ignored; names equal that way in code-point order.
    /// No locale is involved, so the order is the same on every machine.
    public static func nameOrder(_ a: String, _ b: String) -> Bool {
        let (x, y) = (dictionaryKey(a), dictionaryKey(b))
        return x != y ? x < y : a < b
    }

    static func dictionaryKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().replacingOccurrences(of: "ß", with: "ss").decomposedStringWithCanonicalMapping.unicodeScalars
        where u.properties.generalCategory != .nonspacingMark {
            out.append(u)
        }
        return String(out)
    }

    /// Index levels 1...9 in order, "none" (schools without a level) last.
    public static func levelOrder(_ a: String, _ b: String) -> Bool {
        (Int(a) ?? 99) < (Int(b) ?? 99)
    }

    public func pupilNeed(_ a: Plan.SchoolAllocation) -> Int { pupilKinds.reduce(0) { $0 + a.need[$1] } }
    public func pupilDevices(_ a: Plan.SchoolAllocation) -> Int { pupilKinds.reduce(0) { $0 + a.devices[$1] } }
    public func teacherDevices(_ a: Plan.SchoolAllocation) -> Int { teacherKinds.reduce(0) { $0 + a.devices[$1] } }
}

/// A guaranteed share, rounded down so that the printed figure is never above what is proven.
func percentDown(_ ratio: Double) -> String {
    let tenths = Int((ratio * 1000 + 1e-9).rounded(.down))
    return "\(tenths / 10).\(tenths % 10) %"
}

/// "87.5 %" with one decimal, locale-free.
func percentText(_ ratio: Double?) -> String {
    guard let ratio else { return "–" }
    let tenths = Int((ratio * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10) %"
}

/// A number with a fixed count of decimals, locale-free ("29001.50").
func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
}
