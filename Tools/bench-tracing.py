#!/usr/bin/env python3
"""Tracing overhead of the real worker: CPU per page of `pagepipe run` over the same pages with
tracing off, and on (--otel-endpoint to an OTLP/HTTP receiver started here, which answers 200
and only counts requests, so its own CPU stays out of the worker's figure). Each run reads every
page in its own group; runs alternate off/on for --rounds rounds. A second binary (--before, e.g.
a release build of the commit before tracing) adds a third column: off, before the change.

  Tools/bench-tracing.py --brokers B --pagepipe BIN [--before BIN] [--pages 4000] [--rounds 3]

CPU is the worker process's user + system time, start-up included (the same in every column).
"""
import argparse, http.server, os, statistics, subprocess, threading, time


class CountingReceiver(http.server.BaseHTTPRequestHandler):
    requests = 0
    bytes = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        CountingReceiver.requests += 1
        CountingReceiver.bytes += len(body)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def run_worker(binary, brokers, topic, group, extra):
    before = os.times()
    subprocess.run(
        [binary, "run", "--brokers", brokers, "--group", group, "--input-topic", topic, "--topic-suffix", f".{group}",
         "--exit-when-idle", "3", "--progress-interval-ms", "0", "--log-level", "warning", *extra],
        check=True, stdout=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--pagepipe", required=True)
    parser.add_argument("--before", help="a pagepipe binary without tracing, for the off-before column")
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    stamp = str(int(time.time()))
    topic = f"bench.tracing.{stamp}"
    subprocess.run([arguments.pagepipe, "produce", "--brokers", arguments.brokers, "--topic", topic, "--corpus",
                    str(arguments.pages), "--seed", "7", "--log-level", "warning"], check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"

    columns = [("off", arguments.pagepipe, []), ("on", arguments.pagepipe, ["--otel-endpoint", endpoint])]
    if arguments.before:
        columns.insert(0, ("off, before", arguments.before, []))
    figures = {label: [] for label, _, _ in columns}
    for round in range(arguments.rounds):
        for index, (label, binary, extra) in enumerate(columns):
            cpu = run_worker(binary, arguments.brokers, topic, f"bt{stamp}-{round}-{index}", extra)
            figures[label].append(cpu / arguments.pages * 1e6)
    server.shutdown()
    print(f"{arguments.pages} pages, {arguments.rounds} rounds; worker CPU µs per page (user + system, start-up included)")
    for label, values in figures.items():
        print(f"  tracing {label:12} median {statistics.median(values):7.1f}   runs {', '.join(f'{v:.1f}' for v in values)}")
    print(f"  OTLP requests received: {CountingReceiver.requests}, {CountingReceiver.bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
