import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// A child process the benchmark starts and stops (`posix_spawn`, then SIGTERM and `waitpid`).
///
/// Started with `CleanSpawn` (not Foundation's `Process`, whose child would inherit a mask that
/// blocks SIGTERM); its output goes to /dev/null.
final class BenchSpatialProcess {
    let pid: pid_t
    private var exited = false

    init(_ executable: String, _ arguments: [String]) throws {
        switch CleanSpawn.spawn([executable] + arguments) {
        case .success(let child): pid = child
        case .failure(let error): throw BenchSpatialError.peer("cannot start \(executable): \(error)")
        }
    }

    /// Whether the child is still running (reaps it if it has exited).
    var isRunning: Bool {
        guard !exited else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// SIGTERM, then waits up to 10 s before SIGKILL; reaps the child.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<1000 {
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        exited = true
    }

    deinit { stop() }
}
