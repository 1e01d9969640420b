import ArgumentParser
import Foundation
import GeoKit
import Storage

/// `bluelamp bench spatial`: moving-unit position updates and "5 nearest available units" queries,
/// BlueLamp's `MovingPointIndex` against PostGIS (GiST KNN over the local unix socket) and Redis GEO
/// (pipelined GEOADD, GEOSEARCH over loopback), all measured in one run on the same seeded workload.
struct BenchSpatial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spatial",
        abstract: "Moving-point index: update throughput and 5-nearest latency vs PostGIS and Redis.",
        discussion: """
            For each fleet size, units are spread uniformly (seeded) over the West Midlands box
            (lon -2.21..-1.42, lat 52.34..52.67), 70 % available. Every unit then pings in rounds (a random
            order per round, moving up to ~150 m) until about 100,000 pings; each subject applies the same
            stream. Then the same query points ask for the 5 nearest available units. Exactness is the share
            of queries whose answer equals the brute-force answer by ground distance (ties tolerated).
            PostGIS runs on DATABASE_URL or the project's local cluster (started if needed); Redis is a
            redis-server started on a free loopback port without persistence and stopped afterwards.
            """
    )

    @OptionGroup var options: BenchOptions

    @Option(name: .long, help: "Fleet sizes, comma-separated.")
    var sizes = "1000,10000,100000"

    @Option(name: .long, help: "Measured queries per subject and size (scaled by --repeats).")
    var queries = 3000

    @Option(name: .long, help: "Seconds a subject may spend on measured queries per size once it has done 500.")
    var queryBudget = 30.0

    @Option(name: .long, help: "Warm-up queries before measuring.")
    var warmup = 300

    @Option(name: .long, help: "Seed of the workload.")
    var seed: UInt64 = 20_240_601

    @Option(name: .long, help: "How many times BlueLamp replays the ping stream (a longer timing; same final state).")
    var bluelampPasses = 10

    @Option(name: .long, help: "The redis-server executable.")
    var redisServer = "/usr/bin/redis-server"

    @Flag(name: .long, help: "Do not measure PostGIS.")
    var skipPostgis = false

    @Flag(name: .long, help: "Do not measure Redis.")
    var skipRedis = false

    func run() throws {
        let fleetSizes = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 >= 5 }
        guard !fleetSizes.isEmpty else { throw ValidationError("--sizes needs at least one size of 5 or more") }
        let queryCount = max(100, Int(Double(queries) * options.repeats))
        var report = BenchReport(benchmark: "spatial")
        report.notes.append("load average at start: \(BenchSpatial.loadAverage())")

        var conninfo: String?
        if !skipPostgis {
            do {
                let target = try DatabaseEnvironment.conninfo(projectContaining: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                try BenchSpatialPostGIS.prepareSchema(conninfo: target)
                conninfo = target
                let version = try PostgresConnection(target).query("SELECT split_part(version(), ' ', 2) || ' / PostGIS ' || postgis_lib_version()")
                    .firstRow()[0].string()
                report.notes.append("PostGIS: PostgreSQL \(version) via libpq on \(ConnectionInfoDisplay.redact(target))")
            } catch {
                report.notes.append("PostGIS not measured: \(error)")
                options.progress("PostGIS not measured: \(error)")
            }
        }
        defer { if let conninfo { BenchSpatialPostGIS.dropSchema(conninfo: conninfo) } }

        var redis: BenchSpatialRedis.Server?
        if !skipRedis {
            do {
                redis = try BenchSpatialRedis.Server(executable: redisServer)
            } catch {
                report.notes.append("Redis not measured: \(error)")
                options.progress("Redis not measured: \(error)")
            }
        }
        defer { redis?.stop() }

        for units in fleetSizes {
            let scenario = "\(units) units"
            let rounds = max(1, 100_000 / units)
            options.progress("\(scenario): building the workload (\(rounds) ping rounds, \(queryCount) queries, brute-force answers)")
            let workload = SpatialWorkload(units: units, rounds: rounds, warmupCount: warmup, queryCount: queryCount,
                                           queryBudgetSeconds: queryBudget, seed: seed)

            options.progress("  BlueLamp")
            record(BenchSpatialBlueLamp.measure(workload, updatePasses: bluelampPasses), "BlueLamp", scenario, into: &report)

            if let conninfo {
                for column in [BenchSpatialPostGIS.Column.geometry, .geography] {
                    do {
                        let m = try BenchSpatialPostGIS.measure(workload, column: column, conninfo: conninfo, progress: options.progress)
                        record(m, column.subject, scenario, into: &report)
                    } catch {
                        report.notes.append("\(column.subject) at \(scenario) failed: \(error)")
                    }
                }
            }
            if let redis {
                do {
                    let (m, variadic) = try BenchSpatialRedis.measure(workload, server: redis, progress: options.progress)
                    record(m, "Redis", scenario, into: &report)
                    report.add("Redis", scenario, "updates/s (variadic GEOADD)", variadic, "ops/s",
                               note: "the same pings, up to 1000 members per GEOADD")
                } catch {
                    report.notes.append("Redis at \(scenario) failed: \(error)")
                }
            }
            for peer in ["PostGIS", "PostGIS geography", "Redis"] {
                report.compare(peer: peer, scenario: scenario, metric: "knn5 p50", lowerIsBetter: true)
                report.compare(peer: peer, scenario: scenario, metric: "knn5 p99", lowerIsBetter: true)
                report.compare(peer: peer, scenario: scenario, metric: "updates/s", lowerIsBetter: false)
            }
            if let mine = report.value("BlueLamp", scenario, "updates/s"),
               let variadic = report.value("Redis", scenario, "updates/s (variadic GEOADD)") {
                report.ratios.append(BenchRatio(scenario: scenario, metric: "updates/s", peer: "Redis (variadic GEOADD)",
                                                ratio: mine / variadic, meaning: "BlueLamp updates/s / Redis variadic GEOADD updates/s"))
            }
        }
        addGoals(&report)
        report.notes.append("load average at end: \(BenchSpatial.loadAverage())")
        report.notes.append("Latencies are wall time per query on a shared 2-core machine: BlueLamp in process; PostGIS and Redis include the round trip (unix socket / loopback TCP) and reply parsing.")
        report.notes.append("Exactness: share of queries whose 5 answers are the true 5 nearest available units by ground distance (brute force, ties within 1 cm tolerated). PostGIS geometry(4326) <-> orders by planar degrees, hence its low exactness; geography orders on the sphere.")
        try options.emit(report)
    }

    private func record(_ m: SpatialMeasurement, _ subject: String, _ scenario: String, into report: inout BenchReport) {
        let exactness = String(format: "exact %.1f %%", m.exactShare * 100)
        report.add(subject, scenario, "updates/s", m.updatesPerSecond, "ops/s",
                   note: "\(m.updateCount) pings" + (m.detail.isEmpty ? "" : ", \(m.detail)"))
        report.add(subject, scenario, "knn5 p50", m.latencies.percentile(50), "µs", note: exactness)
        report.add(subject, scenario, "knn5 p99", m.latencies.percentile(99), "µs", note: "\(m.latencies.count) queries")
        report.add(subject, scenario, "exactness", m.exactShare * 100, "%", note: "\(m.exact) of \(m.queryCount)")
        for note in m.notes where !report.notes.contains("\(subject): \(note)") { report.notes.append("\(subject): \(note)") }
    }

    /// The 1, 5 and 15 minute load averages (other work on the machine inflates peers' round trips most).
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private func addGoals(_ report: inout BenchReport) {
        let scenario = "10000 units"
        guard let mine = report.value("BlueLamp", scenario, "knn5 p99") else { return }
        for peer in ["PostGIS", "Redis"] {
            if let theirs = report.value(peer, scenario, "knn5 p99") {
                let ratio = theirs / mine
                report.goal("at 10,000 units, BlueLamp knn5 p99 ≥ 100× lower than \(peer)'s",
                            measured: String(format: "%.1f× (%.2f µs vs %.1f µs)", ratio, mine, theirs), met: ratio >= 100)
            } else {
                report.goal("at 10,000 units, BlueLamp knn5 p99 ≥ 100× lower than \(peer)'s", measured: "\(peer) not measured", met: false)
            }
        }
        if let updates = report.value("BlueLamp", scenario, "updates/s"), let redis = report.value("Redis", scenario, "updates/s") {
            let ratio = updates / redis
            report.goal("at 10,000 units, BlueLamp updates/s ≥ 10× Redis pipelined GEOADD",
                        measured: String(format: "%.1f× (%@ vs %@ ops/s)", ratio, formatNumber(updates), formatNumber(redis)), met: ratio >= 10)
        } else {
            report.goal("at 10,000 units, BlueLamp updates/s ≥ 10× Redis pipelined GEOADD", measured: "Redis not measured", met: false)
        }
    }
}
