/// Seconds on the clock the caller runs: wall-clock Unix time in the live service, seconds since
/// the scenario start in the simulator. The core never reads a clock itself.
public typealias Timestamp = Double

/// The grade a call handler gives an incident, which sets how fast police must attend.
public enum Grade: Int, Sendable, Hashable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    /// Grade 1: emergency — immediate threat to life, serious injury or crime in progress.
    case emergency = 1
    /// Grade 2: priority — genuine need but no immediate threat.
    case priority = 2
    /// Grade 3: scheduled — attended by appointment.
    case scheduled = 3
    /// Grade 4: resolved without deployment (advice, desk, telephone).
    case resolvedWithoutDeployment = 4

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }

    /// Whether an incident of this grade needs a unit sent at all.
    public var needsDeployment: Bool { self != .resolvedWithoutDeployment }

    /// Grade 1 responses drive under blue lights.
    public var respondsWithBlueLights: Bool { self == .emergency }

    public var description: String { "Grade \(rawValue)" }
}
