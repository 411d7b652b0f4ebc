/// The rules of a roll-out schedule (a scenario's `schedule` section): the periods, what the
/// supplier delivers, how many schools the IT service can image, each pool's spending
/// deadline, schools that cannot be served before a date, and the place of teacher devices.
/// Every figure comes from the scenario file; nothing here is a default beyond what the
/// loader documents.
public struct ScheduleRules: Sendable, Equatable {
    /// One period of the plan: a week, a month or any stretch of days.
    public struct Period: Sendable, Equatable {
        /// "2020-W47", "2020-11" or the label the scenario gives.
        public var label: String
        public var start: Day
        /// The last day, inclusive.
        public var end: Day
        public init(label: String, start: Day, end: Day) { self.label = label; self.start = start; self.end = end }
        public var days: Int { end.number - start.number + 1 }
        /// Length in weeks: the weight of a device's period in device-weeks.
        public var weeks: Double { Double(days) / 7 }
    }

    /// How the periods were given, for the reports ("24 weekly periods").
    public enum PeriodUnit: String, Sendable, Equatable, CaseIterable {
        case week, month, custom
    }

    /// One figure of the supplier: devices arriving by `date`.
    public struct SupplyEntry: Sendable, Equatable {
        public var date: Day
        /// nil: "rest" — every planned device not counted before.
        public var devices: Int?
        public init(date: Day, devices: Int?) { self.date = date; self.devices = devices }
    }

    /// How devices arrive between two figures of the supplier.
    public enum SupplySpread: String, Sendable, Equatable, CaseIterable {
        /// Evenly per day between the previous date (or the first period's start) and this one.
        case even
        /// All on the date of the figure.
        case onDate
    }

    /// Where teacher devices stand against pupil devices on the scarce supply and imaging.
    public enum TeacherPolicy: String, Sendable, Equatable, CaseIterable {
        /// Every teacher device as early as possible; pupil devices get the rest.
        case first
        /// Every pupil device as early as possible; teacher devices get the rest.
        case last
        /// Both compete by weight (teacher kinds' priority weight, pupils' weight by index level).
        case mixed
    }

    public var periods: [Period]
    public var periodUnit: PeriodUnit
    /// The supplier's figures in date order.
    public var supply: [SupplyEntry]
    /// The figures are totals delivered by each date (true) or deliveries since the previous date.
    public var supplyCumulative: Bool
    public var supplySpread: SupplySpread
    /// Schools the IT service can image in each period (one value per period).
    public var imagingCapacity: [Int]
    /// Spending deadline per pool id (pools without one never lose money to the schedule).
    public var deadlines: [String: Day]
    /// Earliest day each listed school (by school number) may be served.
    public var earliest: [String: Day]
    public var teacherDevices: TeacherPolicy

    public init(periods: [Period], periodUnit: PeriodUnit = .custom, supply: [SupplyEntry], supplyCumulative: Bool = true,
                supplySpread: SupplySpread = .even, imagingCapacity: [Int], deadlines: [String: Day] = [:],
                earliest: [String: Day] = [:], teacherDevices: TeacherPolicy = .mixed) {
        self.periods = periods; self.periodUnit = periodUnit; self.supply = supply
        self.supplyCumulative = supplyCumulative; self.supplySpread = supplySpread
        self.imagingCapacity = imagingCapacity; self.deadlines = deadlines; self.earliest = earliest
        self.teacherDevices = teacherDevices
    }

    /// The first day of the first period and the last day of the last.
    public var horizon: ClosedRange<Day>? {
        guard let first = periods.first, let last = periods.last else { return nil }
        return first.start...last.end
    }

    /// The first period a school may be served in: the first that starts on or after its
    /// earliest day (nil if none does).
    public func firstPeriod(forSchool id: String) -> Int? {
        guard let day = earliest[id] else { return periods.isEmpty ? nil : 0 }
        return periods.firstIndex { $0.start >= day }
    }

    /// The last period whose deliveries count as spent by `deadline`: the last period that
    /// ends on or before it (-1 if none does).
    public func lastPeriod(endingBy deadline: Day) -> Int {
        periods.lastIndex { $0.end <= deadline } ?? -1
    }
}

extension ScheduleRules {
    /// Devices that have arrived by the end of each period, for a plan of `total` devices
    /// (never more than `total`). Between two figures the devices arrive evenly per day
    /// (rounded down) or on the figure's date, as `supplySpread` says.
    public func cumulativeSupply(total: Int) -> [Int] {
        guard let horizon else { return [] }
        // Anchors: nothing before the first period, then each figure as a running total.
        var anchors: [(day: Day, total: Int)] = [(horizon.lowerBound.adding(days: -1), 0)]
        var running = 0
        for entry in supply {
            let value: Int
            if let n = entry.devices { value = supplyCumulative ? n : running + n } else { value = max(running, total) }
            running = max(running, value)
            anchors.append((entry.date, running))
        }
        func arrived(by day: Day) -> Int {
            var result = 0
            for i in anchors.indices.dropFirst() {
                let (a, b) = (anchors[i - 1], anchors[i])
                if day >= b.day { result = b.total; continue }
                if day < a.day || supplySpread == .onDate || b.day <= a.day { break }
                // even: a.total + (b.total - a.total) × elapsed / length, rounded down
                let elapsed = day.number - a.day.number, length = b.day.number - a.day.number
                result = a.total + (b.total - a.total) * elapsed / length
                break
            }
            return result
        }
        return periods.map { min(total, arrived(by: $0.end)) }
    }
}
