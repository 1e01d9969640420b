import CGEOS
import Foundation

/// Owns one GEOS context handle (`GEOS_init_r` … `GEOS_finish_r`) and the messages its handlers
/// capture. A context must be used by one thread at a time; `GEOSContextPool` hands them out.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let messages: Messages

    /// Where GEOS's error and notice handlers write (the handlers are C functions: they reach
    /// this box through the `userdata` pointer).
    final class Messages {
        var error: String?
        var notice: String?
    }

    init() throws(GEOSError) {
        // GEOS_init_r returns NULL only when it cannot allocate.
        guard let handle = GEOS_init_r() else { throw .contextUnavailable }
        self.handle = handle
        self.messages = Messages()
        let userdata = Unmanaged.passUnretained(messages).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<Messages>.fromOpaque(userdata).takeUnretainedValue().error = String(cString: message)
        }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<Messages>.fromOpaque(userdata).takeUnretainedValue().notice = String(cString: message)
        }, userdata)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Forgets earlier messages before a new operation.
    func clearMessages() {
        messages.error = nil
        messages.notice = nil
    }

    /// The one place GEOS failures become Swift errors: the captured message, or the notice, or
    /// a generic text when GEOS said nothing.
    func failure(_ operation: String) -> GEOSError {
        let message = messages.error ?? messages.notice ?? "no message from GEOS"
        clearMessages()
        return .operationFailed(operation: operation, message: message)
    }
}

/// Lends GEOS contexts to callers, one caller per context at a time, so that geometry values can
/// run GEOS operations from any thread or task. Contexts are reused, never shared concurrently.
final class GEOSContextPool: @unchecked Sendable {
    static let shared = GEOSContextPool()

    private let lock = NSLock()
    private var idle: [GEOSContext] = []

    /// Runs `body` with a context no other thread is using.
    func withContext<R>(_ body: (GEOSContext) throws(GEOSError) -> R) throws(GEOSError) -> R {
        let context = try take()
        defer { give(context) }
        context.clearMessages()
        return try body(context)
    }

    private func take() throws(GEOSError) -> GEOSContext {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        return try GEOSContext()
    }

    private func give(_ context: GEOSContext) {
        lock.lock()
        idle.append(context)
        lock.unlock()
    }
}
