import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared broker every test that needs one uses: `PAGEPIPE_TEST_BROKERS` when set (Tools/test
/// sets it), otherwise the local Tansu, started here through `Tools/broker start`. A broker that
/// cannot be had fails the test (with how to fix it) instead of skipping it, so a broken setup is
/// never mistaken for a pass.
public enum TestBroker {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The bootstrap address; throws (failing the calling test with how to fix it) when there is no broker.
    public static func bootstrap() throws(Unavailable) -> String {
        try started.get()
    }

    // Started once per test process (static lets are initialised once, thread-safely).
    private static let started: Result<String, Unavailable> = start()

    private static func start() -> Result<String, Unavailable> {
        if let brokers = ProcessInfo.processInfo.environment["PAGEPIPE_TEST_BROKERS"], !brokers.isEmpty {
            return .success(brokers)
        }
        // Tests/BrokerTestSupport/TestBroker.swift -> package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("Tools/broker").path
        let fix = "Run Tools/setup (installs .tools/bin/tansu), then Tools/broker start; or set PAGEPIPE_TEST_BROKERS=host:port to use a running broker."
        guard FileManager.default.isExecutableFile(atPath: script) else {
            return .failure(Unavailable(description: "\(script) is missing or not executable. \(fix)"))
        }
        let start = run(script, "start")
        guard start.status == 0 else {
            return .failure(
                Unavailable(
                    description: "Tools/broker start failed (exit \(start.status)): \(start.output.trimmingCharacters(in: .whitespacesAndNewlines)). \(fix)"))
        }
        let address = run(script, "address").output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty else {
            return .failure(Unavailable(description: "Tools/broker address printed nothing. \(fix)"))
        }
        return .success(address)
    }

    /// Runs a short command with posix_spawn/waitpid (Foundation's Process.waitUntilExit can
    /// hang here once the script has left a daemon behind); output goes through a temporary file.
    private static func run(_ executable: String, _ argument: String) -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("pagepipe-broker-\(getpid())-\(argument).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(executable), strdup(argument), nil]
        defer { for argument in arguments { free(argument) } }
        let spawned = posix_spawn(&pid, executable, &actions, nil, arguments, environ)
        guard spawned == 0 else { return (-1, "could not run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exitStatus, output)
    }
}
