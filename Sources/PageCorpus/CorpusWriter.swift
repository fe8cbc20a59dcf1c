import Foundation
import Glibc

/// Writes a corpus to a directory: one file per blob plus `manifest.jsonl`, one expectation per line.
public enum CorpusWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `progress` is called with the number of pages written so far, every 100 pages and at the end.
    public static func write(_ generator: CorpusGenerator, to directory: String, progress: ((Int) -> Void)?) throws {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create corpus directory \(directory): \(error.localizedDescription)")
        }
        var manifest: [UInt8] = []
        var written = 0
        for page in generator.pages() {
            let path = directory + "/" + page.fileName
            try writeFile(path, page.blob)
            manifest += page.expected.jsonBytes()
            manifest.append(UInt8(ascii: "\n"))
            written += 1
            if written % 100 == 0 { progress?(written) }
        }
        try writeFile(directory + "/manifest.jsonl", manifest)
        progress?(written)
    }

    /// A plain POSIX write. Foundation's `createFile` and `Data.write` fsync every file; a sample
    /// corpus is thousands of small files that can always be written again, and waiting on the
    /// disk for each took a third or more of `pagepipe corpus`'s wall time on the development machine.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
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
