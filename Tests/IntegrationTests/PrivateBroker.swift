import Foundation
import Testing

/// A broker of one test's own, on a dedicated port, so the test may freeze, stop or delay it
/// without touching the broker other tests share. Started and stopped through Tools/broker.
/// Port: `PAGEPIPE_TEST_OUTAGE_PORT`, default 19107.
struct PrivateBroker {
    let port: Int

    init() {
        port = ProcessInfo.processInfo.environment["PAGEPIPE_TEST_OUTAGE_PORT"].flatMap(Int.init) ?? 19107
    }

    var address: String { "127.0.0.1:\(port)" }

    /// Runs Tools/broker through the shell's `system`, which waits with waitpid: Foundation's
    /// `Process.waitUntilExit` was seen to hang here once the script had left a daemon behind.
    private func tool(_ verb: String) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-broker-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let script = packageRoot.appendingPathComponent("Tools/broker").path
        let status = system("PAGEPIPE_BROKER_PORT=\(port) '\(script)' \(verb) >'\(output)' 2>&1 </dev/null")
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (status == 0 ? 0 : max(1, status >> 8), text)
    }

    /// Starts a fresh broker (memory storage: whatever an earlier one held is gone).
    func start() throws {
        let result = try tool("start")
        guard result.status == 0 else {
            Issue.record("cannot start a private broker on port \(port) with Tools/broker start: \(result.output)")
            throw CancellationError()
        }
    }

    func stop() throws {
        let result = try tool("stop")
        #expect(result.status == 0, "Tools/broker stop on port \(port): \(result.output)")
    }

    /// The broker's process id, from the pid file Tools/broker keeps.
    var pid: pid_t? {
        let file = packageRoot.appendingPathComponent(".tools/run/tansu-\(port).pid").path
        return (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Stops the broker process dead (SIGSTOP) for `seconds`, as a hung machine or a long GC pause
    /// would: connections stay open but nothing answers. Then lets it continue (SIGCONT).
    func freeze(seconds: Double) throws {
        guard let pid else {
            Issue.record("no pid file for the private broker on port \(port)")
            throw CancellationError()
        }
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        usleep(UInt32(seconds * 1_000_000))
    }
}
