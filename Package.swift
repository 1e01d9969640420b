// swift-tools-version:6.1
// BlueLamp: incident dispatch and officer-allocation engine for police control rooms.
// Targets follow ../shared/DESIGN.md; dependencies point down the list.
import PackageDescription

let package = Package(
    name: "BlueLamp",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bluelamp", targets: ["bluelamp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // System libraries: a module map and a shim header each.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Geometry values, codecs, GEOS operations, PROJ transforms, spatial indexes.
        .target(name: "GeoKit", dependencies: ["CGEOS", "CPROJ"]),
        // Road graph, OSM import, snapping, travel times, region packs.
        .target(name: "RoadNetwork", dependencies: ["GeoKit", "CZlib"]),
        // Pure dispatch domain: incidents, units, rules, recommender, assignment, coverage.
        .target(name: "DispatchCore", dependencies: [
            "GeoKit", "RoadNetwork",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Discrete-event simulator, scenarios, replays, reports, analytic queueing models.
        .target(name: "Simulation", dependencies: [
            "DispatchCore", "RoadNetwork", "GeoKit",
            .product(name: "Yams", package: "Yams"),
        ]),
        // PostgreSQL + PostGIS through libpq: connections, migrations, journal, local cluster.
        .target(name: "Storage", dependencies: ["GeoKit", "CLibPQ"], resources: [.copy("Migrations")]),
        // The command-line tool.
        .executableTarget(name: "bluelamp", dependencies: [
            "GeoKit", "RoadNetwork", "DispatchCore", "Simulation", "Storage",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets: where the real data is, the test database.
        .target(name: "TestSupport", dependencies: ["Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoKitTests", dependencies: ["GeoKit", "TestSupport"]),
        .testTarget(name: "RoadNetworkTests", dependencies: ["TestSupport", "RoadNetwork", "GeoKit"]),
        .testTarget(name: "DispatchCoreTests", dependencies: ["TestSupport", "DispatchCore", "RoadNetwork", "GeoKit"]),
        .testTarget(name: "SimulationTests", dependencies: ["TestSupport", "Simulation", "DispatchCore", "RoadNetwork", "GeoKit"]),
        .testTarget(name: "StorageTests", dependencies: ["TestSupport", "Storage", "GeoKit"]),
    ]
)
