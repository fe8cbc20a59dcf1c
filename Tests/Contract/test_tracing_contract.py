"""Page spans reach a real OTLP/HTTP receiver, decoded with OpenTelemetry's own protobuf classes.

The receiver is started here (http.server + opentelemetry-proto's ExportTraceServiceRequest), the
input is written with confluent-kafka, and `pagepipe run --otel-endpoint` processes it: the
spans must continue each input's W3C traceparent, carry the input's topic/partition/offset, have
decode, parse, classify and publish as children, and say a dead-lettered page's stage and reason.
"""
import http.server
import subprocess
import threading

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest, ExportTraceServiceResponse
from opentelemetry.proto.trace.v1.trace_pb2 import Span, Status

from conftest import shared_path

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"
BROKEN_TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
BROKEN_PARENT_ID = "b7ad6b7169203331"


class Receiver:
    """An OTLP/HTTP traces endpoint on a free loopback port, keeping every request it decodes."""

    def __init__(self):
        self.requests, self.paths, self.content_types = [], [], []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.paths.append(self.path)
                receiver.content_types.append(self.headers["Content-Type"])
                request = ExportTraceServiceRequest()
                request.ParseFromString(body)
                receiver.requests.append(request)
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def spans(self):
        return [(resource_spans.resource, span) for request in self.requests
                for resource_spans in request.resource_spans
                for scope_spans in resource_spans.scope_spans for span in scope_spans.spans]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def attributes(span):
    values = {}
    for pair in span.attributes:
        kind = pair.value.WhichOneof("value")
        values[pair.key] = getattr(pair.value, kind)
    return values


def test_page_spans_continue_the_input_trace_and_reach_a_real_otlp_receiver(pagepipe, brokers, unique):
    raw, suffix = f"contract.traces.{unique}", f".traces-{unique}"
    admin = AdminClient({"bootstrap.servers": brokers})
    admin.create_topics([NewTopic(raw, num_partitions=1, replication_factor=1)])[raw].result(30)
    page = shared_path("seeds", "000_725b41050449d912.txt").read_bytes()
    producer = Producer({"bootstrap.servers": brokers})
    producer.produce(raw, value=page, partition=0, headers=[
        ("traceparent", f"00-{TRACE_ID}-{PARENT_ID}-01".encode()), ("tracestate", b"crawler=abc")])
    producer.produce(raw, value=page, partition=0)  # no trace context: a trace of its own
    producer.produce(raw, value=bytes(range(256)) * 8, partition=0, headers=[
        ("traceparent", f"00-{BROKEN_TRACE_ID}-{BROKEN_PARENT_ID}-01".encode())])
    assert producer.flush(30) == 0

    receiver = Receiver()
    try:
        subprocess.run(
            [pagepipe, "run", "--brokers", brokers, "--group", f"traces-{unique}", "--input-topic", raw,
             "--topic-suffix", suffix, "--exit-when-idle", "3", "--progress-interval-ms", "0", "--log-level", "warning",
             "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--otel-endpoint", receiver.endpoint],
            check=True, timeout=180,
        )
    finally:
        receiver.close()

    assert receiver.requests, "no export request reached the receiver"
    assert set(receiver.paths) == {"/v1/traces"}
    assert set(receiver.content_types) == {"application/x-protobuf"}
    spans = receiver.spans()
    for resource, _ in spans:
        assert {pair.key: pair.value.string_value for pair in resource.attributes}["service.name"] == "pagepipe"
    pages = {attributes(span)["messaging.kafka.offset"]: span for _, span in spans if span.name == "page"}
    assert sorted(pages) == [0, 1, 2], [span.name for _, span in spans]

    traced = pages[0]
    assert traced.trace_id.hex() == TRACE_ID
    assert traced.parent_span_id.hex() == PARENT_ID
    assert traced.trace_state == "crawler=abc"
    assert traced.kind == Span.SPAN_KIND_CONSUMER
    assert attributes(traced)["messaging.destination.name"] == raw
    assert attributes(traced)["messaging.destination.partition.id"] == "0"
    assert attributes(traced)["pagepipe.source"] == f"{raw}/0/0"
    assert traced.status.code != Status.STATUS_CODE_ERROR
    children = {span.name: span for _, span in spans if span.parent_span_id == traced.span_id}
    assert sorted(children) == ["classify", "decode", "parse", "publish"]
    for child in children.values():
        assert child.trace_id == traced.trace_id
        assert traced.start_time_unix_nano <= child.start_time_unix_nano <= child.end_time_unix_nano <= traced.end_time_unix_nano
    assert children["decode"].end_time_unix_nano <= children["parse"].start_time_unix_nano
    assert children["parse"].end_time_unix_nano <= children["classify"].start_time_unix_nano
    assert children["publish"].kind == Span.SPAN_KIND_PRODUCER
    assert attributes(children["publish"])["pagepipe.records"] >= 2

    untraced = pages[1]
    assert untraced.parent_span_id == b"", "a page without traceparent starts a trace"
    assert untraced.trace_id.hex() not in (TRACE_ID, BROKEN_TRACE_ID) and len(untraced.trace_id) == 16

    broken = pages[2]
    assert broken.trace_id.hex() == BROKEN_TRACE_ID
    assert broken.parent_span_id.hex() == BROKEN_PARENT_ID
    assert broken.status.code == Status.STATUS_CODE_ERROR
    assert attributes(broken)["pagepipe.error.stage"] == "decode"
    assert attributes(broken)["pagepipe.error.reason"] == "binary"
    broken_children = {span.name: span for _, span in spans if span.parent_span_id == broken.span_id}
    assert sorted(broken_children) == ["decode"], "a page that fails in decode reaches no later stage"
    assert broken_children["decode"].status.code == Status.STATUS_CODE_ERROR
    assert attributes(broken_children["decode"])["pagepipe.error.reason"] == "binary"
