import Foundation

/// A taxonomy or gazetteer file that cannot be used: which file, and what is wrong with it.
///
/// Raised while loading, never while classifying, so a bad user file stops the worker at start-up
/// with a message that names the file and the entry to fix instead of misclassifying silently.
public struct ClassifierDataError: Error, Sendable, CustomStringConvertible {
    /// The file's path, `bundled <name>` for a resource, or `in-memory JSON`.
    public var file: String
    /// What is wrong, phrased so that a user can fix the file.
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }

    static let inMemory = "in-memory JSON"

    /// Reads a whole file; the error says whether it is missing or unreadable.
    static func readFile(atPath path: String) throws(ClassifierDataError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ClassifierDataError(file: path, problem: "the file does not exist; check the path")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClassifierDataError(file: path, problem: "the file cannot be read; check its permissions")
        }
        return [UInt8](data)
    }

    /// Reads a resource that `Package.swift` copies into the module bundle.
    static func readBundledResource(_ name: String, extension: String = "json") throws(ClassifierDataError) -> (bytes: [UInt8], label: String) {
        let label = "bundled \(name).\(`extension`)"
        guard let url = Bundle.module.url(forResource: name, withExtension: `extension`) else {
            throw ClassifierDataError(file: label, problem: "the resource is missing from the PageClassify bundle; rebuild the package")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw ClassifierDataError(file: label, problem: "the resource at \(url.path) cannot be read")
        }
        return ([UInt8](data), label)
    }

    /// Decodes `T`, turning `DecodingError` into a message with the JSON path of the bad value.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws(ClassifierDataError) -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw ClassifierDataError(file: file, problem: describe(error))
        } catch {
            throw ClassifierDataError(file: file, problem: "cannot be decoded: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func location(_ path: [any CodingKey]) -> String {
            if path.isEmpty { return "at the top level" }
            let rendered = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return "at \(rendered.hasPrefix(".") ? String(rendered.dropFirst()) : rendered)"
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "invalid JSON \(location(context.codingPath)): \(context.debugDescription)\(underlying)"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" \(location(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "wrong type \(location(context.codingPath)): expected \(type); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "missing value \(location(context.codingPath)): expected \(type)"
        @unknown default:
            return "cannot be decoded: \(error)"
        }
    }
}
