import NIOCore
import NIOHTTP1

/// One probe connection: one request, one answer, then the connection closes (`Connection: close`).
/// Serving a single request per connection leaves nothing for a client to hold: no keep-alive
/// idling, no pipelined requests piling up answers for a client that never reads them. Kubernetes'
/// probes open a connection per probe anyway, and a scraper reconnecting every 15 s costs nothing.
///
/// Bounds (see `OperationsConfiguration`): the request head's size is enforced by NIO's decoder,
/// whose overflow this answers with 431; a read timeout (`IdleStateHandler`) closes a silent
/// connection; a deadline from accept closes any connection still open after it, so a slowloris
/// client that sends a byte every 100 ms, or a client that never reads the answer, cannot stay.
final class ProbeConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoints: OperationsEndpoints
    private let connectionDeadline: TimeAmount
    private var answered = false
    private var deadline: Scheduled<Void>?

    init(endpoints: OperationsEndpoints, connectionDeadline: TimeAmount) {
        self.endpoints = endpoints
        self.connectionDeadline = connectionDeadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: connectionDeadline) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The body of a request, if any, is ignored: none of the endpoints takes one.
        guard case .head(let head) = unwrapInboundIn(data), !answered else { return }
        let reply = endpoints.reply(method: head.method, uri: head.uri)
        respond(context, reply, withBody: head.method != .HEAD)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, !answered else {
            context.close(promise: nil)  // a reset or a second error: nothing left to say
            return
        }
        if parseError == .headerOverflow {
            respond(context, .text(.requestHeaderFieldsTooLarge, "request head too large"), withBody: true)
        } else {
            respond(context, .text(.badRequest, "bad request"), withBody: true)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ reply: OperationsEndpoints.Reply, withBody: Bool) {
        answered = true
        var headers = HTTPHeaders([
            ("Content-Type", reply.contentType), ("Content-Length", String(reply.body.count)), ("Connection", "close"),
        ])
        if let allow = reply.allow { headers.add(name: "Allow", value: allow) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))), promise: nil)
        if withBody {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
