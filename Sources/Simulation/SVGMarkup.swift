import Foundation

/// Small helpers for writing SVG and HTML text: escaping, compact deterministic numbers, elements.
enum SVGMarkup {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with one decimal, without a trailing ".0" ("12", "12.5", "-3.2").
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = tenths / 10
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(whole)) : String(format: "%.1f", whole)
    }

    /// An element with attributes (values escaped) and optional content (inserted as given).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ content: String? = nil) -> String {
        var text = "<\(name)"
        for (key, value) in attributes { text += " \(key)=\"\(escape(value))\"" }
        guard let content else { return text + "/>" }
        return text + ">" + content + "</\(name)>"
    }

    /// Text at a position.
    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", className: String? = nil) -> String {
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != "start" { attrs += " text-anchor=\"\(anchor)\"" }
        if let className { attrs += " class=\"\(className)\"" }
        return "<text \(attrs)>\(escape(content))</text>"
    }

    /// Opens an accessible inline SVG: `role="img"`, a `<title>` and `<desc>` it is labelled by.
    static func open(id: String, width: Double, height: Double, title: String, description: String, className: String) -> String {
        "<svg id=\"\(id)\" class=\"\(className)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
    }
}
