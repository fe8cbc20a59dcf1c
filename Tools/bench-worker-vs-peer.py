#!/usr/bin/env python3
"""`Tools/bench --worker-vs-peer`: pagepipe run (with its default output, then with one article
topic like the peer), the Python peer and a pass-through, one after the other on the same broker
and the same pages already loaded in pages.raw, each in its own consumer
group so each reads every page. Prints pages/s for each, the ratios, and CPU per page of each
process and of the broker (read from /proc) during each run.

  Tools/bench-worker-vs-peer.py --brokers B --pagepipe BIN --pages N --broker-pid PID
      [--variant 'NAME:ARGS' ...] [--skip-peers]

A variant runs pagepipe run once more with ARGS added (split on spaces), in its own group, e.g.
'lz4:-X compression.type=lz4' or 'one topic:--article-topic articles'.
"""
import argparse, json, os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
ticks = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    """utime + stime of a live process (the broker), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks
    except OSError:
        return float("nan")


def children_cpu_seconds():
    usage = os.times()
    return usage.children_user + usage.children_system


def run_measured(command, broker_pid):
    broker_before, children_before = process_cpu_seconds(broker_pid), children_cpu_seconds()
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command[:3])} … failed with status {completed.returncode}")
    return completed.stdout, children_cpu_seconds() - children_before, process_cpu_seconds(broker_pid) - broker_before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--pagepipe", required=True)
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--broker-pid", type=int, required=True)
    parser.add_argument("--variant", action="append", default=[], help="NAME:ARGS, pagepipe run again with ARGS")
    parser.add_argument("--skip-peers", action="store_true", help="run pagepipe only (its variants)")
    arguments = parser.parse_args()
    stamp = str(int(time.time()))
    results = {}

    # The defaults publish every article twice (articles and articles.{section}); the peer publishes
    # once. The second run gives pagepipe the peer's output shape, so both comparisons come from one run.
    same_shape = "pagepipe run, one article topic"
    runs = [("pagepipe run", []), (same_shape, ["--article-topic", "articles"])] + [
        (f"pagepipe run ({name})", extra.split()) for name, extra in (variant.split(":", 1) for variant in arguments.variant)]
    for index, (label, extra) in enumerate(runs):
        with tempfile.TemporaryDirectory() as work:
            summary = os.path.join(work, "worker.json")
            command = [arguments.pagepipe, "run", "--brokers", arguments.brokers, "--group", f"bench-worker-{stamp}-{index}",
                       "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--exit-when-idle", "4",
                       "--log-level", "warning", "--summary-json", summary, *extra]
            _, cpu, broker = run_measured(command, arguments.broker_pid)
            worker = json.load(open(summary))
            seconds = (worker["last_page_ms"] - worker["first_page_ms"]) / 1000
            results[label] = dict(pages=worker["pages_in"], seconds=seconds, cpu=cpu, broker=broker,
                                  records=worker.get("records_out"))

    python = sys.executable
    for mode, label in () if arguments.skip_peers else (("full", "Python peer (full job)"), ("passthrough", "pass-through")):
        command = [python, os.path.join(here, "bench-peer.py"), "--brokers", arguments.brokers, "--mode", mode,
                   "--group", f"bench-{mode}-{stamp}", "--pages", str(arguments.pages)]
        output, cpu, broker = run_measured(command, arguments.broker_pid)
        peer = json.loads(output.strip().splitlines()[-1])
        results[label] = dict(pages=peer["pages"], seconds=peer["seconds"], cpu=cpu, broker=broker, records=peer["pages"])

    print(f"worker vs peer vs pass-through: {arguments.pages} pages in pages.raw, one process each, one after the other")
    print("  %-34s %8s %9s %11s %14s %16s" % ("", "pages", "pages/s", "records out", "CPU µs/page", "broker µs/page"))
    for label, result in results.items():
        rate = result["pages"] / result["seconds"] if result["seconds"] else float("nan")
        result["rate"] = rate
        print("  %-34s %8d %9.0f %11s %14.0f %16.0f" % (
            label, result["pages"], rate, result["records"], result["cpu"] / max(result["pages"], 1) * 1e6,
            result["broker"] / max(result["pages"], 1) * 1e6))
    if not arguments.skip_peers:
        worker, peer, passthrough = (results[key]["rate"] for key in ("pagepipe run", "Python peer (full job)", "pass-through"))
        print(f"  pagepipe run / Python peer   = {worker / peer:.2f}x   (target >= 3x)")
        print(f"  one article topic / peer     = {results[same_shape]['rate'] / peer:.2f}x   (the peer's output shape)")
        print(f"  pagepipe run / pass-through  = {worker / passthrough:.2f}x")
        print(f"  Python peer / pass-through   = {peer / passthrough:.2f}x")
    print("  pages/s: first page taken to last page acknowledged (pagepipe's summary) or committed (peer);")
    print("  CPU: the process's user + system time for its whole run; broker: Tansu's CPU time over the same run")


if __name__ == "__main__":
    main()
