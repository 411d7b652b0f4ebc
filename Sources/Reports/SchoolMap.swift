import Foundation
import Allocation

/// The map of the schools for the council report: no base map, no network. Each school is a
/// circle at its geocoded position (area: its pupil need), coloured by the class of its
/// coverage; the classes split the coverages that actually occur into groups of about equal
/// size (quantiles of the shown, rounded-down shares), so that the spread is visible even when
/// almost every school is near full. The schools of highest need carry a ring; each district is
/// named at its schools' centre, with its outline drawn as the convex hull of its schools and
/// labelled as approximate.
enum SchoolMap {
    /// Colours of up to five classes, low to high coverage (red – yellow – blue; readable for
    /// the common colour-vision deficiencies).
    static let palette = ["#d7301f", "#fc8d59", "#fee08b", "#91bfdb", "#2166ac"]
    static let noNeedColor = "#bdbdbd"
    static let ringed = 10

    struct Placed {
        var a: Plan.SchoolAllocation
        var x: Double, y: Double
        var need: Int
        var share: Share?
    }

    /// Class limits: the shown shares' permille at which each class after the first begins.
    static func classes(_ permilles: [Int], count: Int = 5) -> [Int] {
        let sorted = permilles.sorted()
        guard !sorted.isEmpty else { return [] }
        var starts: [Int] = []
        for k in 1..<count {
            let v = sorted[min(sorted.count - 1, k * sorted.count / count)]
            if v > sorted[0], !starts.contains(v) { starts.append(v) }
        }
        return starts
    }

    static func classIndex(_ permille: Int, _ starts: [Int]) -> Int { starts.filter { permille >= $0 }.count }

    static func svg(_ plan: Plan, _ fig: PlanFigures, _ w: Words, _ f: NumberStyle) -> String {
        let esc = Markup.escape
        let located = plan.schools.filter { $0.school.latitude != nil && $0.school.longitude != nil }
        guard !located.isEmpty else { return "<p>\(esc(w.noCoordinates))</p>\n" }
        let lats = located.map { $0.school.latitude! }, lons = located.map { $0.school.longitude! }
        let midLat = (lats.min()! + lats.max()!) / 2
        let k = cos(midLat * .pi / 180)
        let spanX = max(1e-6, (lons.max()! - lons.min()!) * k), spanY = max(1e-6, lats.max()! - lats.min()!)
        let mapW = 600.0, legendW = 260.0, pad = 24.0
        let scale = min((mapW - 2 * pad) / spanX, 640 / spanY)
        let mapH = spanY * scale + 2 * pad
        let placed = located.map { a -> Placed in
            let need = fig.pupilNeed(a)
            return Placed(a: a, x: pad + (a.school.longitude! - lons.min()!) * k * scale,
                          y: mapH - pad - (a.school.latitude! - lats.min()!) * scale,
                          need: need, share: Share(fig.pupilDevices(a), of: need))
        }
        let shares = placed.compactMap { $0.share?.permille }
        let starts = classes(shares)
        let classCount = starts.count + 1
        // With fewer classes than colours, spread them over the palette's ends.
        let colors: [String] = (0..<classCount).map { i in
            palette[classCount == 1 ? palette.count - 1 : i * (palette.count - 1) / (classCount - 1)]
        }
        let maxNeed = Double(max(1, placed.map(\.need).max() ?? 1))
        func radius(_ need: Int) -> Double { 2.5 + 9 * sqrt(Double(need) / maxNeed) }
        let highest = Set(placed.filter { $0.need > 0 }.sorted { a, b in
            let la = a.a.school.socialIndex ?? 0, lb = b.a.school.socialIndex ?? 0
            return la != lb ? la > lb : a.need != b.need ? a.need > b.need : a.a.school.id < b.a.school.id
        }.prefix(ringed).map { $0.a.school.id })

        let height = max(mapH, 430)
        var s = "<svg class=\"chart map\" viewBox=\"0 0 \(n(mapW + legendW)) \(n(height))\" role=\"img\" aria-label=\"\(esc(w.mapTitle))\">\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(n(mapW))\" height=\"\(n(mapH))\" fill=\"#f6f8fa\" stroke=\"#ccc\"/>\n"

        // District outlines (convex hulls) first, under the schools.
        let districts = Dictionary(grouping: placed) { $0.a.school.district }
        let names = districts.keys.sorted(by: PlanFigures.nameOrder)
        for d in names {
            let hull = convexHull(districts[d]!.map { ($0.x, $0.y) })
            guard hull.count >= 3 else { continue }
            s += "<polygon points=\"\(hull.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#8a96a3\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
        }
        // Schools, largest need first so that small circles stay on top.
        for p in placed.sorted(by: { $0.need != $1.need ? $0.need > $1.need : $0.a.school.id < $1.a.school.id }) {
            let fill = p.share.map { colors[classIndex($0.permille, starts)] } ?? noNeedColor
            let tip = w.schoolTooltip(p.a.school.name, f.int(fig.pupilDevices(p.a)), f.int(p.need), f.share(p.share))
            s += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(radius(p.need)))\" fill=\"\(fill)\" fill-opacity=\"0.9\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(esc(tip))</title></circle>\n"
        }
        for p in placed where highest.contains(p.a.school.id) {
            s += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(radius(p.need) + 3.5))\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.6\"/>\n"
        }
        // District names at the centre of their schools, on a white halo.
        for d in names {
            let ps = districts[d]!
            let cx = ps.map(\.x).reduce(0, +) / Double(ps.count), cy = ps.map(\.y).reduce(0, +) / Double(ps.count)
            s += "<text x=\"\(n(cx))\" y=\"\(n(cy))\" text-anchor=\"middle\" class=\"district\">\(esc(d))</text>\n"
        }

        // Legend.
        let lx = mapW + 16
        var y = 18.0
        s += "<text x=\"\(n(lx))\" y=\"\(n(y))\" font-weight=\"bold\">\(esc(w.mapLegendCoverage))</text>\n"
        y += 10
        for c in (0..<classCount).reversed() {
            let members = shares.filter { classIndex($0, starts) == c }
            guard let lo = members.min(), let hi = members.max() else { continue }
            let range = lo == hi ? f.share(Share(lo, of: 1000)) : "\(f.share(Share(lo, of: 1000)).dropLast(2))–\(f.share(Share(hi, of: 1000)))"
            s += "<rect x=\"\(n(lx))\" y=\"\(n(y))\" width=\"16\" height=\"14\" fill=\"\(colors[c])\" stroke=\"#333\" stroke-width=\"0.5\"/>"
            s += "<text x=\"\(n(lx + 22))\" y=\"\(n(y + 11))\" class=\"small\">\(esc(range)) (\(esc(w.schoolsCount(members.count))))</text>\n"
            y += 20
        }
        if placed.contains(where: { $0.share == nil }) {
            s += "<rect x=\"\(n(lx))\" y=\"\(n(y))\" width=\"16\" height=\"14\" fill=\"\(noNeedColor)\" stroke=\"#333\" stroke-width=\"0.5\"/>"
            s += "<text x=\"\(n(lx + 22))\" y=\"\(n(y + 11))\" class=\"small\">\(esc(w.mapNoNeed))</text>\n"
            y += 20
        }
        y += 10
        s += "<circle cx=\"\(n(lx + 8))\" cy=\"\(n(y + 6))\" r=\"6\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.6\"/>"
        s += HTMLReport.textLines(lx + 22, y + 10, HTMLReport.wrap(w.mapHighestNeedMarked(highest.count), 38, lines: 4), 12, anchor: "start", cls: "small") + "\n"
        y += 58
        for need in [Int(maxNeed), Int(maxNeed / 4)] where need > 0 {
            let r = radius(need)
            s += "<circle cx=\"\(n(lx + 12))\" cy=\"\(n(y + r))\" r=\"\(n(r))\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"0.6\"/>"
            s += "<text x=\"\(n(lx + 30))\" y=\"\(n(y + r + 4))\" class=\"small\">\(esc(w.needLine(f.int(need))))</text>\n"
            y += 2 * r + 8
        }
        y += 6
        s += "<line x1=\"\(n(lx))\" y1=\"\(n(y + 6))\" x2=\"\(n(lx + 16))\" y2=\"\(n(y + 6))\" stroke=\"#8a96a3\" stroke-dasharray=\"4 3\"/>"
        s += HTMLReport.textLines(lx + 22, y + 10, HTMLReport.wrap(w.mapDistrictOutline, 38, lines: 3), 12, anchor: "start", cls: "small") + "\n"
        return s + "</svg>\n"
    }

    /// Andrew's monotone chain; points in order, no three in a line.
    static func convexHull(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let p = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard p.count >= 3 else { return p }
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for q in p {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    static func n(_ v: Double) -> String { fixed(v, 1) }
}
