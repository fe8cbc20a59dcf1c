import NIOHTTP1
import PageWorker

/// What `/metrics`, `/healthz` and `/readyz` answer, apart from the network. Paths are exact and
/// case-sensitive (`/METRICS` is 404); GET and HEAD are served, as probes and scrapers use both;
/// other methods on a known path get 405.
struct OperationsEndpoints: Sendable {
    let metrics: @Sendable () -> [UInt8]
    let health: @Sendable () -> WorkerHealth
    let livenessTimeoutMs: Int

    struct Reply: Sendable {
        var status: HTTPResponseStatus
        var contentType = "text/plain; charset=utf-8"
        var body: [UInt8]
        var allow: String? = nil

        static func text(_ status: HTTPResponseStatus, _ text: String) -> Reply {
            Reply(status: status, body: Array((text + "\n").utf8))
        }
    }

    func reply(method: HTTPMethod, uri: String) -> Reply {
        // The query string plays no part: `/metrics?x=1` is `/metrics`.
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let answer: () -> Reply
        switch path {
        case "/metrics":
            answer = { Reply(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics()) }
        case "/healthz":
            answer = {
                let state = health()
                guard state.isLive(limitMs: livenessTimeoutMs) else {
                    return .text(.serviceUnavailable, "the poll loop has not turned for \(state.pollLoopSilentMs ?? 0) ms (limit \(livenessTimeoutMs))")
                }
                return .text(.ok, "ok")
            }
        case "/readyz":
            answer = {
                guard let reason = health().unreadyReason else { return .text(.ok, "ready") }
                return .text(.serviceUnavailable, "not ready: \(reason)")
            }
        default:
            return .text(.notFound, "not found: the paths are /metrics, /healthz and /readyz")
        }
        guard method == .GET || method == .HEAD else {
            var refused = Reply.text(.methodNotAllowed, "only GET and HEAD")
            refused.allow = "GET, HEAD"
            return refused
        }
        return answer()
    }
}
