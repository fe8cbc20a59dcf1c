/// Command-line settings of pagepipe-bench.
struct Options {
    static let stages = [
        "inflate", "inflate-before", "charset", "charset-before", "decode", "decode-before", "tag-scan", "parse",
        "classify", "topic", "end-to-end", "end-to-end-before", "worker-path", "none",
    ]
    static let usage = """
        usage: pagepipe-bench [--pages N] [--rounds N] [--seed N] [--only STAGE] [--worker-path] [--files PATH…]
          --only STAGE     run one stage alone, for a profiler: \(stages.joined(separator: ", "))
          --worker-path    also print CPU µs per page of the worker's own per-page path next to the warm loop and inflate
        """

    var pages = 1500
    var rounds = 5
    var seed: UInt64 = 3
    var only: String?
    var workerPath = false
    var files: [String] = []

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--pages": pages = Int(iterator.next() ?? "") ?? pages
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            case "--seed": seed = UInt64(iterator.next() ?? "") ?? seed
            case "--only":
                only = iterator.next()
                guard let only, Self.stages.contains(only) else { Self.exit(usage: 64) }
            case "--worker-path": workerPath = true
            case "--files":
                while let path = iterator.next() { files.append(path) }
            default:
                Self.exit(usage: argument == "--help" || argument == "-h" ? 0 : 64)
            }
        }
        if only == "worker-path" { workerPath = true }
    }

    /// Whether `stage` runs in this invocation (all of them unless `--only` picked one).
    func runs(_ stage: String) -> Bool { only == nil || only == stage }

    private static func exit(usage code: Int32) -> Never {
        print(usage)
        Glibc.exit(code)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
