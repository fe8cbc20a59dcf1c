import Foundation

/// Settings fall back to `PAGEPIPE_*` environment variables so containers can be configured
/// without flags. Flags win over the environment; the environment wins over defaults.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    static func integer(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text) else {
            throw ValidationError("\(name)=\(text) is not a whole number")
        }
        return number
    }
}

import ArgumentParser
