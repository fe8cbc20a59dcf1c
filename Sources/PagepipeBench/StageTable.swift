import Foundation

/// Prints the stage table: MB/s of raw page bytes per stage, before and after, and CPU per page.
struct StageTable {
    let rawBytes: Double
    let pages: Int

    func header() {
        print("  stage                           before         after   after/before")
    }

    func row(_ name: String, before: Double = .nan, after: Double, note: String = "") {
        let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
        let speedup = before.isNaN || after.isNaN ? "" : String(format: "   %5.2fx", before / after)
        print("  \(padded)\(rate(before, blankIfNaN: true)) \(rate(after, blankIfNaN: false))\(speedup)\(note.isEmpty ? "" : "   " + note)")
    }

    /// CPU µs per page: the worker's path beside the warm loop and beside inflate on the same blobs.
    func cpuPerPage(zlib: Double, libdeflate: Double, warm: Double, worker: Double) {
        func micros(_ seconds: Double) -> String {
            seconds.isNaN ? "   skipped" : String(format: "%7.1f µs", seconds / Double(pages) * 1e6)
        }
        func times(_ seconds: Double) -> String {
            seconds.isNaN || zlib.isNaN ? "" : String(format: "   = %.2fx zlib inflate", seconds / zlib)
        }
        print("  CPU per page (process CPU time of all threads / pages, least of the rounds):")
        print("    zlib inflate                 \(micros(zlib))")
        print("    libdeflate inflate           \(micros(libdeflate))\(times(libdeflate))")
        print("    warm loop (core + JSON)      \(micros(warm))\(times(warm))")
        print("    worker path (one lane)       \(micros(worker))\(times(worker))"
            + (worker.isNaN || warm.isNaN ? "" : String(format: "   %.2fx the warm loop", worker / warm)))
    }

    private func rate(_ seconds: Double, blankIfNaN: Bool) -> String {
        if seconds.isNaN { return blankIfNaN ? "              " : "     skipped  " }
        return String(format: "%8.1f MB/s", rawBytes / seconds / 1e6)
    }
}
