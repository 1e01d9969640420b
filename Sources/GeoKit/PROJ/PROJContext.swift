import CPROJ
import Foundation

/// Owns one `PJ_CONTEXT` (created with `proj_context_create`, freed with
/// `proj_context_destroy`) and the last message PROJ logged on it. PROJ contexts are not
/// thread-safe: each user keeps its own and serialises access.
final class PROJContext {
    let handle: OpaquePointer
    private let messages: Messages

    /// Where PROJ's log callback writes (reached through the callback's `app_data` pointer).
    final class Messages {
        var last: String?
    }

    /// A context, optionally restricted to `searchPaths` for proj.db and grids.
    init(searchPaths: [String]? = nil) throws(ProjectionError) {
        // proj_context_create returns NULL only when it cannot allocate.
        guard let handle = proj_context_create() else { throw .contextUnavailable }
        self.handle = handle
        self.messages = Messages()
        let appData = Unmanaged.passUnretained(messages).toOpaque()
        proj_log_func(handle, appData) { appData, _, message in
            guard let appData, let message else { return }
            Unmanaged<Messages>.fromOpaque(appData).takeUnretainedValue().last = String(cString: message)
        }
        // Errors reach the callback (and our messages) without also going to stderr.
        _ = proj_log_level(handle, PJ_LOG_ERROR)
        if let searchPaths {
            let cStrings = searchPaths.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            let pointers: [UnsafePointer<CChar>?] = cStrings.map { $0.map { UnsafePointer($0) } }
            // PROJ copies the paths; ours are freed afterwards.
            pointers.withUnsafeBufferPointer {
                proj_context_set_search_paths(handle, Int32($0.count), $0.baseAddress)
            }
        }
    }

    deinit {
        proj_context_destroy(handle)
    }

    /// The last message PROJ logged, else the text of the context's error number.
    func lastMessage() -> String {
        if let last = messages.last { return last }
        let errno = proj_context_errno(handle)
        // proj_context_errno_string returns a static or context-owned string, never to be freed.
        if errno != 0, let text = proj_context_errno_string(handle, errno) { return String(cString: text) }
        return "no message from PROJ"
    }

    /// Forgets earlier messages.
    func clearMessages() {
        messages.last = nil
    }

    /// Path of proj.db as PROJ opened it, or nil when PROJ could not find or open it.
    func databasePath() -> String? {
        // proj_context_get_database_path returns a context-owned string, or NULL on failure.
        guard let path = proj_context_get_database_path(handle) else { return nil }
        return String(cString: path)
    }
}

/// Owns one `PJ*` (freed with `proj_destroy`).
final class PROJObject {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        proj_destroy(pointer)
    }
}
