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
        if v == v.rounded(), abs(v) < 9.2e18 {
            return v == 0 ? "0" : String(Int64(v))
        }
        let text = v.description
        // Only exponent forms need rewriting; scan bytes, not Characters (much faster).
        guard text.utf8.contains(UInt8(ascii: "e")), let e = text.firstIndex(of: "e"),
              let exponent = Int(text[text.index(after: e)...]), abs(exponent) <= 20 else { return text }
        return fixedNotation(mantissa: text[..<e], exponent: exponent)
    }

    /// Rewrites shortest digits "d.ddd" × 10^exponent without an exponent, as PostGIS prints
    /// ("1e-07" → "0.0000001").
    static func fixedNotation(mantissa: Substring, exponent: Int) -> String {
        var negative = false
        var m = mantissa
        if m.hasPrefix("-") { negative = true; m = m.dropFirst() }
        let parts = m.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? ""
        var frac = parts.count > 1 ? String(parts[1]) : ""
        if frac == "0" { frac = "" }
        var digits = intPart + frac
        var point = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); point -= 1 }
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let i = digits.index(digits.startIndex, offsetBy: point)
            result = digits[..<i] + "." + digits[i...]
        }
        return negative ? "-" + result : result
    }
}
