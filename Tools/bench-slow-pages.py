#!/usr/bin/env python3
"""How the work on issue 18's slow-but-small pages grows with their size (run by Tools/bench --slow-pages).

Writes every shape at each size with `pagepipe corpus --slow-pages` (this tree's release build),
then measures the CPU time of `PAGEPIPE parse --concurrency 1 PAGE` for each, best of --rounds,
less the same command's on the seed page (start-up: loading the gazetteer). PAGEPIPE defaults to this tree's
release build; pass another binary (e.g. one built from main) to measure it on the same pages.
The per-page budget is lifted (PAGEPIPE_MAX_PAGE_MS) so that the whole work is timed, and the node
cap (--max-nodes) so that sizes past the 200,000 nodes of a real page can show the growth.
Linear work shows as a constant µs per item and a time ratio of about 2 from one size to the next.
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = ["unlisted-areas", "titled-areas", "edition-links", "place-names", "repeated-name"]
SEED = os.path.join(ROOT, "..", "shared", "seeds", "000_725b41050449d912.txt")


def best_time(command, rounds, env):
    """The least CPU time (user + system, all threads) of `rounds` runs: on a machine shared with
    other builds, CPU time moves far less than wall-clock time."""
    best = None
    for _ in range(rounds):
        with tempfile.TemporaryFile() as errors:
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                errors.seek(0)
                return None, errors.read().decode(errors="replace").strip()
        elapsed = usage.ru_utime + usage.ru_stime
        best = elapsed if best is None else min(best, elapsed)
    return best, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pagepipe", default=os.path.join(ROOT, ".build", "release", "pagepipe"), help="binary to time")
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="comma-separated sizes")
    parser.add_argument("--rounds", type=int, default=3, help="runs per page; the best counts")
    arguments = parser.parse_args()
    generator = os.path.join(ROOT, ".build", "release", "pagepipe")
    sizes = [int(size) for size in arguments.sizes.split(",")]
    env = dict(os.environ, PAGEPIPE_MAX_PAGE_MS="3600000")
    with tempfile.TemporaryDirectory(prefix="slow-pages-") as folder:
        subprocess.run([generator, "corpus", "--slow-pages", arguments.sizes, "--out", folder], check=True, stderr=subprocess.DEVNULL)
        start_up, error = best_time([arguments.pagepipe, "parse", "--concurrency", "1", SEED], arguments.rounds, env)
        if start_up is None:
            sys.exit(f"bench-slow-pages: {arguments.pagepipe} cannot parse the seed: {error}")
        print(f"pagepipe: {arguments.pagepipe}; CPU seconds, best of {arguments.rounds}, less start-up (the seed page: {start_up * 1000:.0f} ms)")
        print(f"{'shape':<16} {'size':>7} {'gzip KB':>8} {'CPU s':>9} {'µs/item':>8} {'× prev':>7}")
        for shape in SHAPES:
            previous = None
            for size in sizes:
                page = os.path.join(folder, f"slow-{shape}-{size}.htm.gz")
                elapsed, error = best_time([arguments.pagepipe, "parse", "--concurrency", "1", "--max-nodes", "100000000", page], arguments.rounds, env)
                if elapsed is None:
                    print(f"{shape:<16} {size:>7} {os.path.getsize(page) / 1024:>8.0f}   failed: {error[:80]}")
                    previous = None
                    continue
                work = max(elapsed - start_up, 0.0)
                ratio = f"{work / previous:>7.1f}" if previous else f"{'':>7}"
                print(f"{shape:<16} {size:>7} {os.path.getsize(page) / 1024:>8.0f} {work:>9.3f} {work / size * 1e6:>8.1f} {ratio}", flush=True)
                previous = work if work > 0 else None


if __name__ == "__main__":
    main()
