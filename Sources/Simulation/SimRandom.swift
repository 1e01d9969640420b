import Foundation

/// A small, fast, seedable generator (xoshiro256**), seeded through SplitMix64. Each purpose in a
/// run (arrivals, locations, on-scene times, breaks…) draws from its own stream, derived from the
/// scenario seed and the stream's name, so that two rule sets see exactly the same calls — common
/// random numbers — and a seed reproduces a run bit for bit on any machine.
public struct SimRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        func next() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
    }

    /// A stream for one purpose: the seed mixed with a stable hash of the name (FNV-1a, not
    /// Swift's per-process randomised hasher).
    public init(seed: UInt64, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in stream.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        self.init(seed: seed ^ h)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Exponential with the given rate.
    public mutating func exponential(rate: Double) -> Double { -log(1 - uniform()) / rate }

    /// Standard normal (Box–Muller; one value per call, for simplicity and reproducibility).
    public mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Lognormal with the given median and shape (standard deviation of the log).
    public mutating func lognormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// An index drawn with probability proportional to `weights` (cumulative weights given).
    public mutating func pick(cumulative: [Double]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let x = uniform() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Running sums of weights, for `SimRandom.pick(cumulative:)`.
public func cumulativeSums(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += max(0, $0); return total }
}
