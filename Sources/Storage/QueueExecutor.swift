import Dispatch

/// A serial executor running an actor's jobs on its own dispatch queue.
///
/// libpq calls block their thread until the server answers; an actor that makes them on Swift's
/// cooperative pool (one thread per core) would stall other tasks. Jobs run here instead, on a
/// queue whose thread may block.
final class QueueExecutor: SerialExecutor {
    let queue: DispatchQueue
    /// Set on every executor's queue to its label: `DispatchQueue.getSpecific(key:)` tells code where it runs.
    static let labelKey = DispatchSpecificKey<String>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: QueueExecutor.labelKey, value: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
