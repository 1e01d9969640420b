import CPROJ
import Foundation

/// The start-up check for PROJ's database (proj.db), which every EPSG lookup needs.
public enum ProjectionDatabase {
    /// Finds proj.db as PROJ will, and returns its path; throws `databaseNotFound` naming every
    /// path searched and the fix when it is missing. Call it once at start-up for a clear message
    /// instead of a failure on the first transformation.
    /// - Parameter searchPaths: restrict the search to these folders (default: PROJ's own search
    ///   path: `PROJ_DATA`/`PROJ_LIB`, the user data folder, the installation's share/proj).
    @discardableResult
    public static func check(searchPaths: [String]? = nil) throws(ProjectionError) -> String {
        let context = try PROJContext(searchPaths: searchPaths)
        return try check(context, searchPaths: searchPaths)
    }

    static func check(_ context: PROJContext, searchPaths: [String]?) throws(ProjectionError) -> String {
        if let path = context.databasePath() { return path }
        throw .databaseNotFound(searchedPaths: searchPaths ?? defaultSearchPaths(), message: context.lastMessage())
    }

    /// Where PROJ looks by default: environment variables first, then its compiled-in search path.
    static func defaultSearchPaths() -> [String] {
        var paths = [String]()
        let env = ProcessInfo.processInfo.environment
        for key in ["PROJ_DATA", "PROJ_LIB"] {
            if let value = env[key], !value.isEmpty {
                paths += value.split(separator: ":").map { "\($0) (\(key))" }
            }
        }
        let info = proj_info()
        if let searchPath = info.searchpath {
            for p in String(cString: searchPath).split(separator: ":") where !paths.contains(String(p)) {
                paths.append(String(p))
            }
        }
        return paths
    }
}
