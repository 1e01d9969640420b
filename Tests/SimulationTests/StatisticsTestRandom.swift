import Foundation
import GeoKit

/// A seeded generator for tests: SplitMix64 with Box–Muller normals.
struct TestRandom: RandomNumberGenerator {
    private var base: SplitMix64
    init(seed: UInt64) { base = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { base.next() }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal.
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Exponential with the given rate.
    mutating func exponential(rate: Double) -> Double { -log(uniform()) / rate }
}
