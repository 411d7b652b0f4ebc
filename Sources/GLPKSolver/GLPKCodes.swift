import CGLPK

/// What glp_simplex / glp_intopt return: whether the routine finished, not what it found
/// (docs/ARCHITECTURE.md, GLPK rule 3: read the status too).
struct GLPKReturnCode: RawRepresentable, Equatable, CustomStringConvertible {
    let rawValue: Int32
    init(rawValue: Int32) { self.rawValue = rawValue }

    static let finished = Self(rawValue: 0)
    static let timeLimit = Self(rawValue: GLP_ETMLIM)
    static let iterationLimit = Self(rawValue: GLP_EITLIM)
    /// glp_intopt stopped because the relative gap fell below mip_gap.
    static let gapReached = Self(rawValue: GLP_EMIPGAP)
    /// glp_intopt ended through glp_ios_terminate (the guard's cancellation or node limit).
    static let stopped = Self(rawValue: GLP_ESTOP)

    var description: String {
        let names: [Int32: String] = [
            0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
            GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
            GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
            GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
            GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP",
        ]
        return names[rawValue] ?? "return code \(rawValue)"
    }
}

/// glp_get_status / glp_mip_status.
struct GLPKStatus: RawRepresentable, Equatable, CustomStringConvertible {
    let rawValue: Int32
    init(rawValue: Int32) { self.rawValue = rawValue }

    static let undefined = Self(rawValue: GLP_UNDEF)
    static let feasible = Self(rawValue: GLP_FEAS)
    static let infeasible = Self(rawValue: GLP_INFEAS)
    /// Proven: no feasible point exists.
    static let noFeasible = Self(rawValue: GLP_NOFEAS)
    static let optimal = Self(rawValue: GLP_OPT)
    static let unbounded = Self(rawValue: GLP_UNBND)

    var description: String {
        let names: [Int32: String] = [
            GLP_UNDEF: "GLP_UNDEF", GLP_FEAS: "GLP_FEAS", GLP_INFEAS: "GLP_INFEAS",
            GLP_NOFEAS: "GLP_NOFEAS", GLP_OPT: "GLP_OPT", GLP_UNBND: "GLP_UNBND",
        ]
        return names[rawValue] ?? "status \(rawValue)"
    }
}
