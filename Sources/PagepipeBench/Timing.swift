#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Best of `rounds` wall-clock runs: the least disturbed by the rest of the machine. A stage left
/// out by `--only` reports NaN and prints as skipped.
func best(_ stage: String, _ rounds: Int, _ body: () -> Void) -> Double {
    guard options.runs(stage) else { return .nan }
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        body()
        fastest = min(fastest, start.duration(to: .now) / .seconds(1))
    }
    return fastest
}

/// Least CPU time of the whole process (every thread) over `rounds` runs of `body`. Wall-clock
/// time on a machine shared with other work counts waiting too; CPU time is what a page costs.
func bestCPU(_ stage: String, _ rounds: Int, _ body: () -> Void) -> Double {
    guard options.runs(stage) else { return .nan }
    var least = Double.infinity
    for _ in 0..<rounds {
        let start = processCPUSeconds()
        body()
        least = min(least, processCPUSeconds() - start)
    }
    return least
}

func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Resident memory now (not the peak), from /proc/self/statm.
func residentMiB() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? .nan
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
