#!/usr/bin/env python3
"""Times /healthz on a running worker's metrics port while hostile clients hold it.

    Tools/probe-attack.py --port 9464 --attack long-line --line-kb 512 --clients 2

Attacks (each client on its own connection, all on 127.0.0.1 only):
  long-line  send one request line of --line-kb KB ("GET /aaaa… HTTP/1.1"), then wait
  endless    send an endless request line (no CRLF) until the server closes or --seconds pass
  slowloris  send a request head one byte every 100 ms
  idle       open connections and send nothing

While the attackers run, a probe client sends GET /healthz every 0.5 s for --seconds seconds
and the script prints one JSON line: how long each probe took to answer (null when it did not
answer within --probe-timeout). Raw sockets on purpose: an HTTP library would refuse to send
what the attackers send.
"""
import argparse
import json
import socket
import threading
import time


def probe(port: int, timeout: float) -> float | None:
    """Seconds until a complete /healthz answer, or None."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.settimeout(max(0.001, timeout - (time.monotonic() - started)))
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                answer += chunk
            if not answer.startswith(b"HTTP/1.1 "):
                return None
    except OSError:
        return None
    return time.monotonic() - started


def attacker(kind: str, port: int, line_kb: int, stop: threading.Event, opened: list) -> None:
    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        return
    opened.append(connection)
    connection.settimeout(1)
    try:
        if kind == "long-line":
            connection.sendall(b"GET /" + b"a" * (line_kb * 1024) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        elif kind == "endless":
            chunk = b"GET /" + b"a" * 65536
            while not stop.is_set():
                try:
                    connection.sendall(chunk)
                except socket.timeout:
                    continue
                chunk = b"a" * 65536
        elif kind == "slowloris":
            for byte in b"GET /healthz HTTP/1.1\r\nHost: slow\r\n" + b"X-a: b\r\n" * 10000:
                if stop.is_set():
                    break
                connection.send(bytes([byte]))
                time.sleep(0.1)
        stop.wait()
    except OSError:
        pass  # the server closed the connection: what a bounded server does


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--attack", choices=["long-line", "endless", "slowloris", "idle"], default="long-line")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--line-kb", type=int, default=512)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--probe-timeout", type=float, default=5)
    arguments = parser.parse_args()

    baseline = probe(arguments.port, arguments.probe_timeout)
    stop, opened = threading.Event(), []
    threads = [
        threading.Thread(target=attacker, args=(arguments.attack, arguments.port, arguments.line_kb, stop, opened), daemon=True)
        for _ in range(arguments.clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # let the attack land first
    probes = []
    deadline = time.monotonic() + arguments.seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        answered = probe(arguments.port, arguments.probe_timeout)
        probes.append(None if answered is None else round(answered, 4))
        time.sleep(max(0, 0.5 - (time.monotonic() - started)))
    stop.set()
    for connection in opened:
        connection.close()
    answered = [p for p in probes if p is not None]
    print(json.dumps({
        "attack": arguments.attack, "clients": arguments.clients, "line_kb": arguments.line_kb,
        "baseline_s": baseline, "probes": len(probes), "unanswered": len(probes) - len(answered),
        "max_s": max(answered) if answered else None, "first_s": probes[0] if probes else None,
    }))


if __name__ == "__main__":
    main()
