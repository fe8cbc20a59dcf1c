import NIOCore
import Synchronization

/// Keeps at most `limit` probe connections open. Admitting one more closes the oldest instead of
/// refusing the newcomer: a flood of idle or slow clients then churns through the cap, while a
/// probe, which sends its request at once and is answered within a millisecond, gets in (unless
/// `limit` newer connections arrive within that millisecond).
/// Refusing newcomers would let 64 idle sockets lock every probe out until their timeouts.
final class ConnectionCap: Sendable {
    let limit: Int
    private struct Open {
        var channels: [ObjectIdentifier: (admitted: UInt64, channel: any Channel)] = [:]
        var admissions: UInt64 = 0
    }
    private let open = Mutex(Open())

    init(limit: Int) {
        precondition(limit > 0, "a connection cap of \(limit) would serve nobody")
        self.limit = limit
    }

    /// Records `channel` as open; returns the connection to close to stay within the cap, if any.
    func admit(_ channel: any Channel) -> (any Channel)? {
        open.withLock { open in
            open.admissions += 1
            open.channels[ObjectIdentifier(channel)] = (open.admissions, channel)
            guard open.channels.count > limit else { return nil }
            // A linear scan: the cap is tens of connections, and this runs only when it is reached.
            let oldest = open.channels.min { $0.value.admitted < $1.value.admitted }!
            open.channels[oldest.key] = nil
            return oldest.value.channel
        }
    }

    func remove(_ channel: any Channel) {
        _ = open.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Every open connection, forgotten here; for closing them when the server stops.
    func takeAll() -> [any Channel] {
        open.withLock { open in
            defer { open.channels = [:] }
            return open.channels.values.map(\.channel)
        }
    }

    var count: Int { open.withLock { $0.channels.count } }
}
