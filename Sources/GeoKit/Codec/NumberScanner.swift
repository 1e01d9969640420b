/// Scans decimal numbers straight out of UTF-8 bytes, correctly rounded, without allocating in the
/// common case (Clinger's fast path); longer mantissas go through the standard library's parser.
enum NumberScanner {
    /// Powers of ten exactly representable as `Double`.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// What went wrong scanning a number.
    enum Failure: Error { case malformed(end: Int) }

    /// Scans a number starting at `start`. JSON grammar when `json` is true (no leading `+`, no
    /// leading zeros, digits required on both sides of `.`); otherwise the looser WKT grammar
    /// (`+1`, `.5`, `5.`). Returns the value and the index after the number.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, json: Bool) throws(Failure) -> (value: Double, end: Int) {
        let n = bytes.count
        var i = start
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if !json, i < n, bytes[i] == UInt8(ascii: "+") { i += 1 }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var intDigits = 0
        let intStart = i
        while i < n, bytes[i] >= 48, bytes[i] <= 57 {
            let d = UInt64(bytes[i] - 48)
            if significantDigits < 19 {
                if mantissa != 0 || d != 0 { significantDigits += 1 }
                mantissa = mantissa * 10 + d
            } else {
                decimalExponent += 1
                significantDigits += 1
            }
            i += 1
            intDigits += 1
        }
        if json {
            if intDigits == 0 { throw .malformed(end: i) }
            if intDigits > 1 && bytes[intStart] == 48 { throw .malformed(end: intStart + 1) }
        }
        var fracDigits = 0
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                let d = UInt64(bytes[i] - 48)
                if significantDigits < 19 {
                    if mantissa != 0 || d != 0 { significantDigits += 1 }
                    mantissa = mantissa * 10 + d
                    decimalExponent -= 1
                } else {
                    significantDigits += 1
                }
                i += 1
                fracDigits += 1
            }
            if json && fracDigits == 0 { throw .malformed(end: i) }
        }
        if intDigits == 0 && fracDigits == 0 { throw .malformed(end: i) }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exp = 0
            var expDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if exp < 100_000 { exp = exp * 10 + Int(bytes[i] - 48) }
                i += 1
                expDigits += 1
            }
            if expDigits == 0 { throw .malformed(end: i) }
            decimalExponent += expNegative ? -exp : exp
        }
        // Clinger's fast path: an exact mantissa and an exact power of ten give a correctly
        // rounded quotient or product.
        if significantDigits <= 19, mantissa <= (1 << 53), decimalExponent >= -22, decimalExponent <= 22 {
            var v = Double(mantissa)
            if decimalExponent < 0 { v /= exactPowers[-decimalExponent] } else { v *= exactPowers[decimalExponent] }
            return (negative ? -v : v, i)
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let v = Double(text) else { throw .malformed(end: i) }
        return (v, i)
    }
}

/// Formats ordinates the way PostGIS and GeoJSON writers do: the shortest text that reads back to
/// the same `Double`, integers without a decimal point.
enum OrdinateFormatter {
    static func string(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == v.rounded(), abs(v) < 1e15 {
            return v == 0 ? "0" : String(Int64(v))
        }
        return v.description
    }
}
