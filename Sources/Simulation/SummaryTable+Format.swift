import Foundation

extension SummaryTable {
    /// The text for a missing figure.
    public static let missing = "–"

    /// `0.883` → `88.3 %`; nil → `–`.
    public static func percent(_ share: Double?, digits: Int = 1) -> String {
        guard let share, share.isFinite else { return missing }
        return String(format: "%.\(digits)f %%", share * 100)
    }

    /// Seconds as minutes: `588` → `9.8 min`; nil → `–`.
    public static func minutes(_ seconds: Double?, digits: Int = 1) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        return String(format: "%.\(digits)f min", seconds / 60)
    }

    /// A response or waiting time: minutes below two hours (`588` → `9.8 min`), hours above
    /// (`11160` → `3.1 h`); nil → `–`.
    public static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        return seconds < 7200 ? minutes(seconds) : String(format: "%.1f h", seconds / 3600)
    }

    /// A target in whole minutes or hours: `900` → `15 min`, `172800` → `48 h`.
    public static func target(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        if seconds >= 7200, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return minutes(seconds)
    }

    /// A simulated span: `86400` → `24 h 00 min`, `5400` → `1 h 30 min`, `90` → `1.5 min`.
    public static func span(_ seconds: Double) -> String {
        guard seconds.isFinite else { return missing }
        if seconds < 3600 { return minutes(seconds) }
        let total = Int(seconds.rounded())
        return String(format: "%d h %02d min", total / 3600, (total % 3600) / 60)
    }

    /// A fixed-point number: `number(1.6049, digits: 2)` → `1.60`.
    public static func number(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.\(digits)f", value)
    }

    /// A count with thousands separators, independent of locale: `2013` → `2,013`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}
