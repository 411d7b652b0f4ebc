import ArgumentParser

/// Placeholder: `allocate schedule` (issue 6).
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Roll-out schedule (not built yet).")
    func run() throws { fail("the schedule command is not built yet", code: Exit.internalError) }
}
