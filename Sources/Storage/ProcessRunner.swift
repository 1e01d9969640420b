import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion and captures what it printed (stdout and stderr together).
///
/// Uses `posix_spawn` + `waitpid` rather than Foundation's `Process`: `pg_ctl start` leaves a server
/// running, which would inherit (and hold open) the socket `Process` uses to notice the child's
/// exit, so `waitUntilExit` would never return. Before spawning, every descriptor above stderr is
/// marked close-on-exec so that the server inherits nothing of ours. Output goes to a temporary file.
enum ProcessRunner {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments`, as `user` through `runuser` when given, in `directory` when given.
    static func run(_ executable: String, _ arguments: [String], asUser user: String? = nil,
                    in directory: URL? = nil) throws(LocalPostgresError) -> Outcome {
        var argv = [executable] + arguments
        if let directory {
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + argv
        }
        if let user {
            argv = [runuserPath, "-u", user, "--"] + argv
        }
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("bluelamp-cmd-\(UUID().uuidString).log").path
        let outputFD = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputFD >= 0 else {
            throw .io("cannot create \(outputPath) for command output: \(String(cString: strerror(errno)))")
        }
        defer { unlink(outputPath) }
        markDescriptorsCloseOnExec()

        let spawned = CleanSpawn.spawn(argv, output: outputFD)
        close(outputFD)
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let error):
            throw .commandFailed(command: describe(argv[0], Array(argv.dropFirst())), status: -1,
                                 output: "cannot start: \(error.message)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw .io("waiting for \(executable): \(String(cString: strerror(errno)))")
            }
        }
        // The wait status: low 7 bits are the terminating signal (0 when it exited), bits 8–15 the exit code.
        let signal = status & 0x7F
        let exitCode = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Outcome(status: exitCode, output: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs and throws `commandFailed` unless the status is 0.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], asUser user: String? = nil,
                      in directory: URL? = nil) throws(LocalPostgresError) -> String {
        let outcome = try run(executable, arguments, asUser: user, in: directory)
        guard outcome.status == 0 else {
            throw .commandFailed(command: describe(executable, arguments), status: outcome.status, output: outcome.output)
        }
        return outcome.output
    }

    static func describe(_ executable: String, _ arguments: [String]) -> String {
        ([executable] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    /// `runuser` from util-linux (Debian: /usr/sbin, older systems /sbin).
    static var runuserPath: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/sbin/runuser"
    }

    /// Sets FD_CLOEXEC on every open descriptor above 2 (listed in /proc/self/fd).
    private static func markDescriptorsCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let fd = Int32(entry), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 {
                _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC)
            }
        }
    }
}

/// Starts a child process cleanly: no signals blocked and default handlers (Dispatch's threads
/// block some, and a child inherits the caller's mask — a server started that way would ignore
/// SIGTERM), standard input from /dev/null, standard output and error onto `output` (or
/// /dev/null). Foundation's `Process` does neither.
public enum CleanSpawn {
    /// Why a process could not be started.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Spawns `argv[0]` (a path) with `argv`; the child's process id, or why it could not start.
    public static func spawn(_ argv: [String], output: Int32? = nil) -> Result<pid_t, Failure> {
        guard let executable = argv.first else { return .failure(Failure(message: "no command given")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            // dup2 onto 1 and 2 clears close-on-exec on the copies, so the child keeps them.
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        // posix_spawn returns 0 or an error number (it does not set errno).
        let status = posix_spawn(&pid, executable, &actions, &attributes, cArguments, environ)
        guard status == 0 else { return .failure(Failure(message: String(cString: strerror(status)))) }
        return .success(pid)
    }
}
