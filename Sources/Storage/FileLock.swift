import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`), held until `unlock()` or deinit: serialises
/// processes (and threads) that start or stop the local cluster at the same time.
final class FileLock {
    private var descriptor: Int32

    /// Opens (creating if needed) and locks `url`, waiting for other holders.
    init(_ url: URL) throws(LocalPostgresError) {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .io("cannot open lock file \(url.path): \(String(cString: strerror(errno)))")
        }
        // flock blocks until the lock is free; it fails only on EINTR (retried) or a bad descriptor.
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let message = String(cString: strerror(errno))
            close(fd)
            throw .io("cannot lock \(url.path): \(message)")
        }
        descriptor = fd
    }

    /// Releases the lock (also done by deinit).
    func unlock() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }
}
