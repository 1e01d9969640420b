import Foundation
import GeoKit

/// The map of districts with incidents as dots coloured by response time, a legend and a scale
/// bar. Equirectangular projection with longitude scaled by cos(latitude) at the map's centre, so
/// that shapes are true at the scale of a police force; fitted to the box.
enum SVGMap {
    /// Maps lon/lat to SVG pixels.
    struct Projection {
        var lonCentre: Double, latCentre: Double, scale: Double, cosLat: Double
        var xCentre: Double, yCentre: Double

        /// Fits `box` (lon/lat) into a `width` × `height` area at (`left`, `top`).
        init(box: BoundingBox, left: Double, top: Double, width: Double, height: Double) {
            lonCentre = (box.minX + box.maxX) / 2
            latCentre = (box.minY + box.maxY) / 2
            cosLat = cos(latCentre * .pi / 180)
            let spanX = max((box.maxX - box.minX) * cosLat, 1e-9), spanY = max(box.maxY - box.minY, 1e-9)
            scale = min(width / spanX, height / spanY)
            xCentre = left + width / 2
            yCentre = top + height / 2
        }

        func callAsFunction(lon: Double, lat: Double) -> (x: Double, y: Double) {
            (xCentre + (lon - lonCentre) * cosLat * scale, yCentre - (lat - latCentre) * scale)
        }

        /// Pixels per kilometre on the ground (a degree of latitude is 111.195 km on the mean sphere).
        var pixelsPerKilometre: Double { scale / (LonLat.earthRadiusMetres * .pi / 180 / 1000) }
    }

    static let districtFills = ["#e8eef4", "#eef3e6", "#f4ede4", "#ece8f2", "#e6f1f0", "#f3ebee", "#f1f1e3", "#e9edf0"]

    static func render(map: ReportMap?, incidents: [IncidentPoint], id: String,
                       width: Double = 1000, height: Double = 640) -> String? {
        guard let box = bounds(map: map, incidents: incidents) else { return nil }
        let legendHeight = 64.0
        let projection = Projection(box: box, left: 12, top: 12, width: width - 24, height: height - 24 - legendHeight)

        var counts = [Int](repeating: 0, count: SVGColorScale.bins.count + 1)
        for p in incidents { counts[SVGColorScale.binIndex(seconds: p.responseSeconds)] += 1 }
        let districtCount = map?.districts.count ?? 0
        let description = "Map of \(districtCount) districts with a sample of \(SummaryTable.count(incidents.count)) incidents, "
            + "each a dot coloured by its response time (larger dots: Grade 1). "
            + SVGColorScale.bins.indices.map { "\(SVGColorScale.bins[$0].label): \(counts[$0])" }.joined(separator: "; ")
            + "; \(SVGColorScale.notReached.label): \(counts[SVGColorScale.bins.count])."
        var svg = SVGMarkup.open(id: id, width: width, height: height, title: "Incidents by response time",
                                 description: description, className: "map")

        if let map {
            svg += "<g class=\"districts\">"
            for (i, district) in map.districts.enumerated() {
                svg += "<path class=\"district\" data-code=\"\(SVGMarkup.escape(district.code))\" fill=\"\(districtFills[i % districtFills.count])\" "
                    + "fill-rule=\"evenodd\" d=\"\(path(district.geometry, projection))\"><title>\(SVGMarkup.escape(district.name)) "
                    + "(\(SVGMarkup.escape(district.code)))</title></path>"
            }
            svg += "</g>"
            if let boundary = map.boundary {
                svg += "<path class=\"boundary\" fill=\"none\" d=\"\(path(boundary, projection))\"/>"
            }
        }

        // Grade 1 last so it sits on top; input order breaks ties, so the page is deterministic.
        let order = incidents.indices.sorted {
            incidents[$0].grade != incidents[$1].grade ? incidents[$0].grade > incidents[$1].grade : $0 < $1
        }
        svg += "<g class=\"incidents\">"
        for i in order {
            let p = incidents[i]
            let bin = SVGColorScale.binIndex(seconds: p.responseSeconds)
            let (x, y) = projection(lon: p.lon, lat: p.lat)
            let r = p.grade == 1 ? 3.2 : p.grade == 2 ? 2.5 : 2.0
            svg += "<circle class=\"incident g\(p.grade) bin\(bin)\" cx=\"\(SVGMarkup.n(x))\" cy=\"\(SVGMarkup.n(y))\" "
                + "r=\"\(SVGMarkup.n(r))\" fill=\"\(SVGColorScale.bin(at: bin).color)\"/>"
        }
        svg += "</g>"

        if let map {
            svg += "<g class=\"district-labels\" aria-hidden=\"true\">"
            for district in map.districts {
                guard let c = labelPoint(district.geometry, projection) else { continue }
                svg += SVGMarkup.text(c.x, c.y, district.name, anchor: "middle", className: "district-label")
            }
            svg += "</g>"
        }
        svg += legend(counts: counts, top: height - legendHeight, width: width)
        svg += scaleBar(projection, x: width - 24, y: height - legendHeight - 10)
        return svg + "</svg>"
    }

    static func bounds(map: ReportMap?, incidents: [IncidentPoint]) -> BoundingBox? {
        var xs = [Double](), ys = [Double]()
        if let map {
            let shapes = (map.boundary.map { [$0] } ?? []) + map.districts.map(\.geometry)
            for shape in shapes {
                guard let b = shape.boundingBox else { continue }
                xs += [b.minX, b.maxX]
                ys += [b.minY, b.maxY]
            }
        }
        if xs.isEmpty {
            let valid = incidents.filter { $0.lon.isFinite && $0.lat.isFinite }
            xs = valid.map(\.lon)
            ys = valid.map(\.lat)
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return nil }
        let padX = max((maxX - minX) * 0.02, 0.005), padY = max((maxY - minY) * 0.02, 0.005)
        return BoundingBox(minX: minX - padX, minY: minY - padY, maxX: maxX + padX, maxY: maxY + padY)
    }

    /// The shape as path data. Vertices closer than `minimumStep` pixels to the last one kept are
    /// dropped (a ward boundary of thousands of vertices would otherwise weigh megabytes), and rings
    /// smaller than a pixel are left out.
    static func path(_ shape: MultiPolygon, _ projection: Projection, minimumStep: Double = 0.75) -> String {
        var d = ""
        for polygon in shape.polygons {
            for ring in polygon.rings where ring.count >= 3 {
                let points = ring.map { projection(lon: $0.x, lat: $0.y) }
                var kept = [points[0]]
                for p in points.dropFirst().dropLast() {
                    let last = kept[kept.count - 1]
                    if abs(p.x - last.x) >= minimumStep || abs(p.y - last.y) >= minimumStep { kept.append(p) }
                }
                guard kept.count >= 3 else { continue }
                for (i, p) in kept.enumerated() {
                    d += (i == 0 ? "M" : "L") + "\(SVGMarkup.n(p.x)) \(SVGMarkup.n(p.y))"
                }
                d += "Z"
            }
        }
        return d
    }

    /// The area-weighted centroid of the largest polygon's exterior, in pixels.
    static func labelPoint(_ shape: MultiPolygon, _ projection: Projection) -> (x: Double, y: Double)? {
        var best: (area: Double, x: Double, y: Double)?
        for polygon in shape.polygons {
            let pts = polygon.exterior.map { projection(lon: $0.x, lat: $0.y) }
            guard pts.count >= 4 else { continue }
            var a = 0.0, cx = 0.0, cy = 0.0
            for i in 0..<(pts.count - 1) {
                let cross = pts[i].x * pts[i + 1].y - pts[i + 1].x * pts[i].y
                a += cross
                cx += (pts[i].x + pts[i + 1].x) * cross
                cy += (pts[i].y + pts[i + 1].y) * cross
            }
            guard a != 0 else { continue }
            let area = abs(a / 2)
            if best.map({ area > $0.area }) ?? true { best = (area, cx / (3 * a), cy / (3 * a)) }
        }
        return best.map { ($0.x, $0.y) }
    }

    static func legend(counts: [Int], top: Double, width: Double) -> String {
        var out = "<g class=\"legend\" role=\"group\" aria-label=\"Legend: response time from call to first unit on scene\">"
        out += SVGMarkup.text(12, top + 14, "Response time (larger dots: Grade 1)", className: "legend-title")
        let entries = SVGColorScale.bins + [SVGColorScale.notReached]
        let columns = 4, columnWidth = (width - 24) / Double(columns)
        for (i, bin) in entries.enumerated() {
            let x = 12 + Double(i % columns) * columnWidth, y = top + 32 + Double(i / columns) * 20
            out += "<g class=\"legend-item\"><circle cx=\"\(SVGMarkup.n(x + 5))\" cy=\"\(SVGMarkup.n(y - 4))\" r=\"5\" "
                + "fill=\"\(bin.color)\"/>" + SVGMarkup.text(x + 14, y, "\(bin.label) (\(SummaryTable.count(counts[i])))") + "</g>"
        }
        return out + "</g>"
    }

    /// A bar of a round number of kilometres, about a fifth of the map's width.
    static func scaleBar(_ projection: Projection, x right: Double, y: Double) -> String {
        let perKm = projection.pixelsPerKilometre
        guard perKm > 0, perKm.isFinite else { return "" }
        let candidates: [Double] = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]
        let km = candidates.last { $0 * perKm <= 130 } ?? candidates[0]
        let length = km * perKm
        return "<g class=\"scale-bar\"><line x1=\"\(SVGMarkup.n(right - length))\" x2=\"\(SVGMarkup.n(right))\" "
            + "y1=\"\(SVGMarkup.n(y))\" y2=\"\(SVGMarkup.n(y))\"/>"
            + SVGMarkup.text(right - length / 2, y - 5, "\(SVGMarkup.n(km)) km", anchor: "middle") + "</g>"
    }
}
