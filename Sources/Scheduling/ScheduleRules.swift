/// Placeholder: the roll-out schedule's rules (issue 6) are being built.
public struct ScheduleRules: Sendable, Equatable {
    public init() {}
}
