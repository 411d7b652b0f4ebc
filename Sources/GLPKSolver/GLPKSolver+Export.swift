import LinearProgramming

/// What GLPK's writers get wrong (all checked on GLPK 5.0 with glpsol reading the files back),
/// and how `write` avoids it.
extension GLPKSolver {
    /// Names that would not survive the file are rejected: GLPK writes duplicate names as they
    /// are, so a reader merges the columns or rejects the file; its LP writer silently renames
    /// what CPLEX LP does not allow ('x[1]' becomes 'x(1)', '1x' becomes 'x_2', which may be
    /// another column's name); in free MPS a name starting with '$' reads as a comment, and
    /// GLPK always calls the objective row 'R0000000' there. docs/ARCHITECTURE.md rule 7: export plain
    /// generated names plus a name map.
    static func checkNamesForExport(_ program: LinearProgram, format: ModelFileFormat) throws(ModelError) {
        let lpSymbols = Set("!\"#$%&()/,.;?@_`'{}|~".utf8)
        func isLetterOrDigit(_ c: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                || isDigit(c)
        }
        func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }

        func check(_ names: [String], rows: Bool) throws(ModelError) {
            var seen = Set<String>()
            for name in names {
                if !seen.insert(name).inserted {
                    throw .badName(name, reason: "used twice; a model file needs unique names")
                }
                let bytes = Array(name.utf8)
                switch format {
                case .lp:
                    if let first = bytes.first, isDigit(first) || first == UInt8(ascii: ".") {
                        throw .badName(name, reason: "an LP file name cannot start with a digit or '.'")
                    }
                    if let bad = bytes.first(where: { !(isLetterOrDigit($0) || lpSymbols.contains($0)) }) {
                        throw .badName(name, reason: "'\(Character(Unicode.Scalar(bad)))' is not allowed in LP files"
                                       + " (letters, digits and !\"#$%&()/,.;?@_`'{}|~ are)")
                    }
                case .mps:
                    if bytes.first == UInt8(ascii: "$") {
                        throw .badName(name, reason: "an MPS name cannot start with '$' (it starts a comment)")
                    }
                    if rows && name == "R0000000" {
                        throw .badName(name, reason: "GLPK names the objective row R0000000 in MPS files")
                    }
                }
            }
        }
        try check(program.variables.map(\.name), rows: false)
        try check(program.constraints.map(\.name), rows: true)
    }

    /// The copy handed to GLPK's writer. Free rows (no bounds) are left out: they constrain
    /// nothing, and one as the first row makes glp_write_mps drop the objective. An LP file
    /// without rows has an empty "Subject To" section that GLPK's own reader rejects, so an
    /// empty row "0 x <= 0" stands in.
    static func exportable(_ program: LinearProgram, format: ModelFileFormat) -> LinearProgram {
        var copy = program
        copy.constraints.removeAll { $0.lower == -.infinity && $0.upper == .infinity }
        if format == .lp && copy.constraints.isEmpty && !copy.variables.isEmpty {
            copy.constraints.append(.init(name: "no_constraints", terms: [], lower: -.infinity, upper: 0))
        }
        return copy
    }
}
