import ArgumentParser
import Foundation

/// Expands the FILE… arguments of `parse` and `produce`: files as given, directories recursively
/// (sorted, hidden files and corpus manifests skipped), `-` for standard input.
enum InputFiles {
    static func expand(_ arguments: [String]) throws -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for argument in arguments {
            if argument == "-" {
                result.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw ValidationError("\(argument): no such file or directory.")
            }
            guard isDirectory.boolValue else {
                result.append(argument)
                continue
            }
            guard let walker = manager.enumerator(atPath: argument) else { continue }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasSuffix(".jsonl") || name.hasSuffix(".md") { continue }
                let path = (argument as NSString).appendingPathComponent(relative)
                var childIsDirectory: ObjCBool = false
                if manager.fileExists(atPath: path, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                    found.append(path)
                }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// Reads one input whole; pages are small (the decoder caps them anyway).
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot be read (permissions?).")
        }
        return Array(data)
    }
}
