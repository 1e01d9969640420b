/// The response-time colours of the report's map and legend: a colour-blind-safe diverging scale
/// (blue = fast … red = slow), and grey for incidents no unit reached within the run.
struct SVGColorScale {
    struct Bin: Hashable {
        /// Upper bound in minutes (exclusive); nil for the open last bin.
        var upToMinutes: Double?
        var label: String
        var color: String
    }

    static let bins: [Bin] = [
        Bin(upToMinutes: 5, label: "under 5 min", color: "#2166ac"),
        Bin(upToMinutes: 10, label: "5–10 min", color: "#67a9cf"),
        Bin(upToMinutes: 15, label: "10–15 min", color: "#d1e5f0"),
        Bin(upToMinutes: 30, label: "15–30 min", color: "#fddbc7"),
        Bin(upToMinutes: 60, label: "30–60 min", color: "#ef8a62"),
        Bin(upToMinutes: nil, label: "60 min or more", color: "#b2182b"),
    ]
    static let notReached = Bin(upToMinutes: nil, label: "not reached in the run", color: "#8c8c8c")

    /// The bin index for a response time in seconds; `bins.count` stands for "not reached".
    static func binIndex(seconds: Double?) -> Int {
        guard let seconds, seconds.isFinite else { return bins.count }
        let minutes = seconds / 60
        return bins.firstIndex { $0.upToMinutes.map { minutes < $0 } ?? true } ?? bins.count - 1
    }

    static func bin(at index: Int) -> Bin { index < bins.count ? bins[index] : notReached }
}
