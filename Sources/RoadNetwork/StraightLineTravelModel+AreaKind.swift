/// How built-up a place is, which sets how fast vehicles move through it when no road graph exists.
public enum AreaKind: String, Sendable, Hashable, CaseIterable, Codable {
    case urban, suburban, rural

    /// One letter per kind, as stored in an area map's rows: `U`, `S`, `R`.
    public var letter: Character {
        switch self {
        case .urban: return "U"
        case .suburban: return "S"
        case .rural: return "R"
        }
    }

    /// The kind a letter stands for (`U`, `S`, `R`, either case), or `nil`.
    public init?(letter: Character) {
        switch letter {
        case "U", "u": self = .urban
        case "S", "s": self = .suburban
        case "R", "r": self = .rural
        default: return nil
        }
    }
}
