import Foundation
import Allocation

extension YearsFigures {
    /// One group of schools (a school form or a district of the school table), one device
    /// kind, one year: the need, the devices in service, and how much of the need they cover.
    public struct GroupYear: Sendable, Equatable {
        public enum Grouping: String, Sendable, CaseIterable {
            /// The school form of the school table ("Grundschule", "Gymnasium", …).
            case form
            /// The district of the school table.
            case district
            /// The social-index level as the single-year report groups it (`PlanFigures.levelKey`:
            /// the school's own, else the scenario's rule for schools without one; "none").
            case level
        }
        public var grouping: Grouping
        /// The form or district as the school table spells it ("" where a school has none).
        public var group: String
        public var kind: String
        public var year: Int
        /// The group's schools (with or without need of this kind).
        public var schools: Int
        public var need: Int
        public var inService: Int
        /// The need in service: Σ min(in service, need) over the group's schools (a school's
        /// surplus covers no other school's need).
        public var covered: Int
        /// The least coverage of a school of the group with need (capped at 1); nil without need.
        public var smallestCoverage: Ratio?
        /// The need in service as a share of the need (covered / need); nil without need.
        public var coverage: Ratio? { need > 0 ? Ratio(covered, need) : nil }
    }

    /// The groups of `rows`: per school form, then per district (each sorted by name), then per
    /// social-index level (1…9, "none" last), each kind in the scenario's order, each year. The
    /// smallest coverage of every group is the least of its schools' rows, so the least over the
    /// groups of a year is that year's.
    static func groups(_ rows: [SchoolKindYear], schools: [String: School], kinds: [String], scenario: Scenario) -> [GroupYear] {
        var out: [GroupYear] = []
        for grouping in GroupYear.Grouping.allCases {
            func key(_ school: String) -> String {
                guard let s = schools[school] else { return "" }
                switch grouping {
                case .form: return s.form
                case .district: return s.district
                case .level: return PlanFigures.levelKey(s, scenario)
                }
            }
            let byGroup = Dictionary(grouping: rows) { key($0.school) }
            let keys = grouping == .level ? byGroup.keys.sorted(by: PlanFigures.levelOrder) : PlanFigures.sortedByName(byGroup.keys)
            for group in keys {
                let members = byGroup[group]!
                let schoolCount = Set(members.map(\.school)).count
                let byKindYear = Dictionary(grouping: members) { "\($0.kind)|\($0.year)" }
                let years = Set(members.map(\.year)).sorted()
                for kind in kinds {
                    for year in years {
                        let these = byKindYear["\(kind)|\(year)"] ?? []
                        out.append(GroupYear(grouping: grouping, group: group, kind: kind, year: year, schools: schoolCount,
                                             need: these.reduce(0) { $0 + $1.need }, inService: these.reduce(0) { $0 + $1.inService },
                                             covered: these.reduce(0) { $0 + min($1.inService, $1.need) },
                                             smallestCoverage: these.compactMap(\.coverage).min()))
                    }
                }
            }
        }
        return out
    }

    /// The groups of one grouping.
    public func groups(_ grouping: GroupYear.Grouping) -> [GroupYear] { groups.filter { $0.grouping == grouping } }
}
