import ByteText
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a corpus to a directory: one file per blob plus `manifest.jsonl`, one expectation per line.
public enum CorpusWriter {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Pages are generated and written by up to `concurrency` threads, a window at a time (page `i`
    /// depends only on the seed and `i`); the manifest keeps page order. `progress` is called with
    /// the number of pages written so far after every window and at the end.
    public static func write(_ generator: CorpusGenerator, to directory: String, concurrency: Int, progress: ((Int) -> Void)?) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create corpus directory \(directory): \(error.localizedDescription)")
        }
        let lanes = max(1, concurrency)
        let window = 100 * lanes
        let count = generator.options.count
        var manifest: [UInt8] = []
        var start = 0
        while start < count {
            let indices = start..<min(start + window, count)
            let lines = [Result<[UInt8], WriteError>](concurrentlyComputing: indices.count, lanes: lanes) { offset in
                let page = generator.page(at: indices.lowerBound + offset)
                do throws(WriteError) {
                    try writeFile(directory + "/" + page.fileName, page.blob)
                } catch {
                    return .failure(error)
                }
                return .success(page.expected.jsonBytes() + [UInt8(ascii: "\n")])
            }
            for line in lines { manifest += try line.get() }
            start = indices.upperBound
            progress?(start)
        }
        try writeFile(directory + "/manifest.jsonl", manifest)
        progress?(count)
    }

    /// A plain POSIX write. Foundation's `createFile` and `Data.write` fsync every file; a sample
    /// corpus is thousands of small files that can always be written again, and waiting on the
    /// disk for each took a third or more of `pagepipe corpus`'s wall time on the development machine.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(WriteError) {
        func failure(_ advice: String) -> WriteError {
            WriteError(description: "cannot write \(path): \(String(cString: strerror(errno))); \(advice)")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure("check that the directory is writable") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let error = failure("check that the disk has room")
                close(descriptor)
                throw error
            }
            offset += written
        }
        guard close(descriptor) == 0 else { throw failure("check that the disk has room") }
    }
}
