/// Pupils summed per social-index level: all the authority key needs of a set of schools
/// (`AuthorityKey.weight(of:)`, `exactWeights`), the same whole numbers in any school order.
public struct LevelSums: Sendable, Equatable {
    /// Pupils of the schools at level 0...9 (the loader's levels are 1-9).
    public private(set) var byLevel = [Int](repeating: 0, count: 10)
    /// Bit l: some school has level l (a level can be present with 0 pupils).
    private var present: UInt16 = 0
    /// Pupils of the schools without a level.
    public private(set) var none = 0
    /// Pupils at levels outside 0-9 (not from the loader; overrides can set any level).
    public private(set) var other: [Int: Int] = [:]
    /// Pupils and teachers of all these schools.
    public private(set) var pupils = 0
    public private(set) var teachers = 0
    /// Whether a school has fewer than 0 pupils (the whole-number weights then give up).
    public private(set) var negative = false

    public init() {}

    public func seen(_ level: Int) -> Bool { present & (1 << level) != 0 }

    public mutating func add(_ s: School) {
        if let level = s.socialIndex {
            if level >= 0 && level < 10 { byLevel[level] += s.pupils; present |= 1 << level } else { other[level, default: 0] += s.pupils }
        } else { none += s.pupils }
        pupils += s.pupils; teachers += s.teachers
        if s.pupils < 0 { negative = true }
    }

    /// The count of a device kind's basis (pupils or teachers).
    public func count(of basis: DeviceKind.Basis) -> Int { basis == .pupils ? pupils : teachers }
}

/// Schools grouped by their authority without copying them: each authority's `LevelSums`,
/// in one pass over the schools. Neighbouring schools mostly share their authority (tables
/// list them authority by authority), so the authority is looked up only where it changes.
public struct AuthorityGroups: Sendable {
    /// The authorities in the order their first school comes.
    public private(set) var names: [String] = []
    public private(set) var sums: [LevelSums] = []
    private var index: [String: Int] = [:]

    public init(_ schools: [School]) {
        var current = -1
        var last: String?
        for s in schools {
            if s.authority != last {
                last = s.authority
                if let i = index[s.authority] { current = i } else {
                    current = names.count
                    index[s.authority] = current
                    names.append(s.authority); sums.append(LevelSums())
                }
            }
            sums[current].add(s)
        }
    }

    public func sums(of authority: String) -> LevelSums? { index[authority].map { sums[$0] } }

    /// One value per authority, keyed by its name.
    public func map<T>(_ transform: (LevelSums) throws -> T) rethrows -> [String: T] {
        var out = [String: T](minimumCapacity: names.count)
        for (name, s) in zip(names, sums) { out[name] = try transform(s) }
        return out
    }
}
