import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into a callback on a Dispatch queue, so the worker can drain instead
/// of dying mid-page. A second signal exits at once, whatever the process is doing then (draining,
/// stopping the metrics server): so the relay is never cancelled. Keep it alive until the process
/// exits; the signals stay ignored once it is gone.
final class SignalRelay {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "pagepipe.signals")
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let seen = SeenFlag()
            source.setEventHandler {
                if seen.testAndSet() {
                    FileHandle.standardError.write(Data("pagepipe: second \(name), exiting without draining\n".utf8))
                    exit(130)
                }
                handler(name)
            }
            source.resume()
            return source
        }
    }
}

import Synchronization

private final class SeenFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func testAndSet() -> Bool { flag.exchange(true, ordering: .sequentiallyConsistent) }
}
