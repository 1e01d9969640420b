import Foundation

/// Student's t distribution: CDF through the regularized incomplete beta function, and its
/// inverse by a bracketed Newton iteration (bisection whenever a Newton step leaves the bracket).
public enum StudentT {
    /// Above this many degrees of freedom t and the standard normal agree to better than 1e-7.
    static let normalLimit = 1e7

    /// P(T ≤ t) for `degreesOfFreedom` > 0 (which need not be whole; `.infinity` gives the normal).
    public static func cdf(_ t: Double, _ degreesOfFreedom: Double) throws(StatisticsError) -> Double {
        try check(degreesOfFreedom)
        guard !t.isNaN else { throw .notFinite(index: 0, value: t) }
        let tail = upperTail(abs(t), degreesOfFreedom)
        return t >= 0 ? 1 - tail : tail
    }

    /// The value t with P(T ≤ t) = p: the inverse CDF. `quantile(0.975, 9)` = 2.262…
    public static func quantile(_ p: Double, _ degreesOfFreedom: Double) throws(StatisticsError) -> Double {
        try check(degreesOfFreedom)
        guard p > 0, p < 1 else { throw .invalidProbability(p) }
        if p == 0.5 { return 0 }
        // Solve on the upper tail q = P(T > t) for t > 0: no cancellation near p = 1.
        let q = p > 0.5 ? 1 - p : p
        let t = positiveRoot(tail: q, df: degreesOfFreedom)
        return p > 0.5 ? t : -t
    }

    /// The density at t.
    public static func density(_ t: Double, _ degreesOfFreedom: Double) throws(StatisticsError) -> Double {
        try check(degreesOfFreedom)
        return pdf(t, degreesOfFreedom)
    }

    private static func check(_ df: Double) throws(StatisticsError) {
        guard df > 0, !df.isNaN else { throw .invalidDegreesOfFreedom(df) }
    }

    /// P(T > t) for t ≥ 0.
    static func upperTail(_ t: Double, _ df: Double) -> Double {
        if df > normalLimit { return StandardNormal.upperTail(t) }
        if t == 0 { return 0.5 }
        if t.isInfinite { return 0 }
        // P(T > t) = ½ I_x(ν/2, ½) with x = ν / (ν + t²); pass 1 − x computed directly.
        let t2 = t * t
        let x = df / (df + t2), y = t2 / (df + t2)
        return 0.5 * IncompleteBeta.regularized(x: x, complement: y, a: df / 2, b: 0.5)
    }

    static func pdf(_ t: Double, _ df: Double) -> Double {
        if df > normalLimit { return StandardNormal.density(t) }
        let logC = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
        return exp(logC - (df + 1) / 2 * log1p(t * t / df))
    }

    /// The t > 0 with P(T > t) = q, for 0 < q < ½.
    private static func positiveRoot(tail q: Double, df: Double) -> Double {
        var lo = 0.0, hi = 1.0
        while upperTail(hi, df) > q, hi < 1e300 { lo = hi; hi *= 2 }
        // Start from the normal quantile when it lies inside the bracket.
        var x = StandardNormal.positiveRoot(tail: q)
        if !(x > lo && x < hi) { x = (lo + hi) / 2 }
        for _ in 0..<400 {
            let f = upperTail(x, df) - q          // decreasing in x
            if f == 0 { return x }
            if f > 0 { lo = x } else { hi = x }
            let slope = -pdf(x, df)
            var next = slope != 0 ? x - f / slope : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= 1e-14 * Swift.max(1, abs(x)) { return next }
            x = next
        }
        return x
    }
}

/// The standard normal distribution (the t distribution's limit).
public enum StandardNormal {
    /// P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The z with P(Z ≤ z) = p, for 0 < p < 1.
    public static func quantile(_ p: Double) throws(StatisticsError) -> Double {
        guard p > 0, p < 1 else { throw .invalidProbability(p) }
        if p == 0.5 { return 0 }
        let z = positiveRoot(tail: p > 0.5 ? 1 - p : p)
        return p > 0.5 ? z : -z
    }

    /// The density at z.
    public static func density(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    static func upperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// The z > 0 with P(Z > z) = q, for 0 < q < ½.
    static func positiveRoot(tail q: Double) -> Double {
        var lo = 0.0, hi = 40.0
        // A rough logistic-style start, then safeguarded Newton.
        var x = Swift.min(39, (-2 * log(2 * q)).squareRoot())
        for _ in 0..<200 {
            let f = upperTail(x) - q
            if f == 0 { return x }
            if f > 0 { lo = x } else { hi = x }
            var next = x + f / density(x)
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= 1e-15 * Swift.max(1, abs(x)) { return next }
            x = next
        }
        return x
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz).
enum IncompleteBeta {
    /// I_x(a, b) for 0 ≤ x ≤ 1, with `complement` = 1 − x computed by the caller without cancellation.
    static func regularized(x: Double, complement y: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logBeta = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logFront = a * log(x) + b * log(y) - logBeta
        // The fraction converges fast for x below (a + 1) / (a + b + 2); use symmetry above it.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: y, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-16
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            let even = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            h *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            let odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let step = d * c
            h *= step
            if abs(step - 1) < epsilon { break }
        }
        return h
    }
}
