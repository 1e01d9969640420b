import Foundation
import Testing

/// Locates the real public data in `../shared/data` beside the project (or `$BLUELAMP_SHARED_DATA`).
/// Tests that need it carry `.enabled(if: SharedData.isAvailable, SharedData.absentMessage)`.
public enum SharedData {
    /// The project root: three levels above this file (Tests/TestSupport/SharedData.swift).
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared data folder, whether or not it exists.
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["BLUELAMP_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    public static let absentMessage: Comment =
        "skipped: ../shared/data (real public data) is absent; set BLUELAMP_SHARED_DATA to its path"

    /// A file or folder inside the shared data, e.g. `url("osm/helsinki.osm.pbf")`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
