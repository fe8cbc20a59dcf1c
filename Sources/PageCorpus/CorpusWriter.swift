import Foundation

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
            guard fileManager.createFile(atPath: path, contents: Data(page.blob)) else {
                throw WriteError(description: "cannot write \(path): check that the directory is writable and the disk has room")
            }
            manifest += page.expected.jsonBytes()
            manifest.append(UInt8(ascii: "\n"))
            written += 1
            if written % 100 == 0 { progress?(written) }
        }
        let manifestPath = directory + "/manifest.jsonl"
        guard fileManager.createFile(atPath: manifestPath, contents: Data(manifest)) else {
            throw WriteError(description: "cannot write \(manifestPath): check that the directory is writable and the disk has room")
        }
        progress?(written)
    }
}
