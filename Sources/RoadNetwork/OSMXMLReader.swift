import Foundation
import GeoKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `.osm` XML with Foundation's streaming `XMLParser` (SAX events, the file read in chunks),
/// in the same two passes as the PBF reader: ways and relations, then the needed nodes.
enum OSMXMLReader {
    static func importFile(at url: URL) throws(OSMImportError) -> OSMImport {
        try run { () throws(OSMImportError) in
            guard let stream = InputStream(url: url) else { throw .unreadable(path: url.path, reason: "cannot open") }
            return XMLParser(stream: stream)
        }
    }

    /// Imports XML held in memory.
    static func importData(_ data: Data) throws(OSMImportError) -> OSMImport {
        try run { () throws(OSMImportError) in XMLParser(data: data) }
    }

    private static func run(_ makeParser: () throws(OSMImportError) -> XMLParser) throws(OSMImportError) -> OSMImport {
        let delegate = OSMXMLDelegate()
        for pass in [OSMXMLDelegate.Pass.waysAndRelations, .nodes] {
            if pass == .nodes, delegate.state.ways.isEmpty { break }
            delegate.pass = pass
            let parser = try makeParser()
            parser.delegate = delegate
            let ok = parser.parse()
            if let failure = delegate.failure { throw failure }
            // Foundation's parse() can return true after a recovered error; trust parserError too.
            if !ok || parser.parserError != nil {
                let detail = parser.parserError.map { OSMXMLDelegate.describe($0) } ?? "not well-formed XML"
                throw .xml(line: parser.lineNumber, column: parser.columnNumber, detail: detail)
            }
            if !delegate.sawRoot { throw .xml(line: parser.lineNumber, column: parser.columnNumber, detail: "no <osm> root element") }
        }
        return try delegate.state.finish()
    }
}

extension OSMImporter {
    /// Imports OSM XML held in memory.
    public static func importXML(data: Data) throws(OSMImportError) -> OSMImport {
        try OSMXMLReader.importData(data)
    }
}

/// Collects ways and relations (pass 1) or node positions (pass 2) from parser events.
private final class OSMXMLDelegate: NSObject, XMLParserDelegate {
    enum Pass { case waysAndRelations, nodes }
    var pass = Pass.waysAndRelations
    var state = OSMImportState()
    var failure: OSMImportError?
    var sawRoot = false

    // The element being read.
    private var wayId: Int64?
    private var relationId: Int64?
    private var refs: [Int64] = []
    private var members: [OSMMember] = []
    private var tags: [String: String] = [:]

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
        fail(parser, Self.describe(error))
    }

    /// Words for the parser's error codes (libxml2's numbers).
    static func describe(_ error: Error) -> String {
        let code = (error as NSError).code
        let words: [Int: String] = [
            4: "empty document", 5: "the document ends early (an element is not closed)",
            73: "'>' expected", 76: "an end tag does not match its start tag", 111: "malformed attribute",
        ]
        return "not well-formed XML: \(words[code] ?? "parser error \(code)")"
    }

    private func fail(_ parser: XMLParser, _ detail: String) {
        if failure == nil { failure = .xml(line: parser.lineNumber, column: parser.columnNumber, detail: detail) }
        parser.abortParsing()
    }

    private func id(_ parser: XMLParser, _ attributes: [String: String], _ key: String, of element: String) -> Int64? {
        guard let text = attributes[key], let value = Int64(text) else {
            fail(parser, "<\(element)> has no valid \(key) (\(attributes[key].map { "\"\($0)\"" } ?? "missing"))")
            return nil
        }
        return value
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        switch name {
        case "osm":
            sawRoot = true
        case "node" where pass == .nodes:
            guard let id = id(parser, attributes, "id", of: "node") else { return }
            state.report.nodesRead += 1
            guard state.needed.contains(id) else { return }
            guard let latText = attributes["lat"], let lonText = attributes["lon"],
                  let lat = Double(latText), let lon = Double(lonText) else {
                fail(parser, "node \(id) has no valid lat/lon")
                return
            }
            guard let p = try? LonLat(validatingLon: lon, lat: lat) else {
                state.report.invalidCoordinates += 1
                return
            }
            state.nodes[id] = p
        case "way" where pass == .waysAndRelations:
            wayId = id(parser, attributes, "id", of: "way")
            refs = []; tags = [:]
        case "relation" where pass == .waysAndRelations:
            relationId = id(parser, attributes, "id", of: "relation")
            members = []; tags = [:]
        case "nd" where wayId != nil:
            if let ref = id(parser, attributes, "ref", of: "nd") { refs.append(ref) }
        case "member" where relationId != nil:
            guard let ref = id(parser, attributes, "ref", of: "member") else { return }
            let kind: OSMMember.Kind = switch attributes["type"] { case "node": .node; case "way": .way; default: .relation }
            members.append(OSMMember(kind: kind, ref: ref, role: attributes["role"] ?? ""))
        case "tag" where wayId != nil || relationId != nil:
            guard let k = attributes["k"] else { fail(parser, "<tag> without k"); return }
            tags[k] = attributes["v"] ?? ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch name {
        case "way" where pass == .waysAndRelations:
            if let id = wayId {
                state.report.waysRead += 1
                if tags["highway"] != nil {
                    state.report.highwayWays += 1
                    state.addWay(id: id, nodes: refs, tags: tags)
                }
            }
            wayId = nil
        case "relation" where pass == .waysAndRelations:
            if let id = relationId {
                state.report.relationsRead += 1
                if tags["type"] == "restriction" { state.addRestriction(id: id, tags: tags, members: members) }
            }
            relationId = nil
        default:
            break
        }
    }
}
