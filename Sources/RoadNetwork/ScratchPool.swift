import Foundation

/// A lock-protected stack of reusable scratch objects, so concurrent queries never share one
/// and repeated queries do not allocate.
final class ScratchPool<Scratch: AnyObject>: @unchecked Sendable {
    // Safety: `free` is only touched while `lock` is held; a scratch object is owned by exactly
    // one caller between `take` and `give`.
    private let lock = NSLock()
    private var free: [Scratch] = []
    private let make: @Sendable () -> Scratch

    init(make: @escaping @Sendable () -> Scratch) { self.make = make }

    /// Runs `body` with a scratch object no other caller is using.
    func with<R>(_ body: (Scratch) throws -> R) rethrows -> R {
        lock.lock()
        let scratch = free.popLast()
        lock.unlock()
        let s = scratch ?? make()
        defer {
            lock.lock()
            free.append(s)
            lock.unlock()
        }
        return try body(s)
    }
}
