#!/usr/bin/env python3
"""Two chuangkou servers on one PostgreSQL database, driven concurrently over HTTP.

Usage: two_servers.py [BIN] [--database URL] [--tickets N] [--ports A,B]
BIN defaults to $CHUANGKOU_BIN or `swift build --show-bin-path`/chuangkou. Builds nothing.
Resets the database (drop + create through psql), starts servers on 18081 and 18082 (--ports), issues
tickets on both, drains them with bursts of concurrent call-next, and checks that no ticket is
numbered twice, called twice, called to two windows, or left waiting. Exits non-zero on failure.
"""
import argparse
import collections
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PORTS = (18081, 18082)
PASSWORD = "demo-pass-123"
BURST = 9  # concurrent call-next per window per round: 6 windows x 9 = 54 in flight
MAX_ROUNDS = 2000

failures = []
fail_lock = threading.Lock()


def fail(msg):
    with fail_lock:
        failures.append(msg)
    print("FAIL:", msg, flush=True)


def http(port, method, path, body=None, token=None, timeout=30):
    """Returns (status, parsed JSON or None, raw text)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, raw = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read().decode(errors="replace")
    try:
        parsed = json.loads(raw) if raw.strip() else None
    except ValueError:
        parsed = None
    return status, parsed, raw


def expect(port, method, path, status, body=None, token=None):
    got, parsed, raw = http(port, method, path, body, token)
    if got != status:
        raise AssertionError(f"{method} {path} on :{port}: expected {status}, got {got}: {raw[:300]}")
    return parsed


def find_bin(arg):
    if arg:
        return arg
    if os.environ.get("CHUANGKOU_BIN"):
        return os.environ["CHUANGKOU_BIN"]
    out = subprocess.run(["swift", "build", "--show-bin-path"], capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "chuangkou")


def reset_database(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))


def port_busy(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def start_server(binary, port, database, logdir):
    log = open(os.path.join(logdir, f"server-{port}.log"), "wb")
    cmd = [binary, "serve", "--host", "127.0.0.1", "--port", str(port),
           "--database", database, "--demo-password", PASSWORD]
    # Every ticket comes from this one address: lift the per-address limit a hall sets against one phone or script.
    env = dict(os.environ, CHUANGKOU_TICKETS_PER_MINUTE_PER_ADDRESS="1000000")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    proc.log_path = log.name
    return proc


def wait_healthy(proc, port, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server on :{port} exited with {proc.returncode} before /healthz answered")
        try:
            status, body, _ = http(port, "GET", "/healthz", timeout=2)
            if status == 200 and body == {"status": "ok"}:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"server on :{port}: /healthz not 200 {{\"status\":\"ok\"}} within {seconds}s")


def tail(path, head=25, last=15):
    """The start of a server log (where a crash says why) and its end."""
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()
    except OSError:
        return ""
    if len(lines) > head + last:
        lines = lines[:head] + [f"[... {len(lines) - head - last} lines ...]\n"] + lines[-last:]
    return "".join(line[:300] + ("\n" if len(line) > 300 else "") for line in lines)


def window_of(ticket):
    w = ticket.get("window")
    return w.get("number") if isinstance(w, dict) else w


def run(args):
    # --- setup: officers, windows, businesses -------------------------------------------------
    a, b = PORTS
    officers = [o for o in expect(a, "GET", "/api/v1/officers", 200)["officers"] if o["role"] == "officer"]
    windows = sorted(expect(b, "GET", "/api/v1/windows", 200)["windows"], key=lambda w: w["number"])
    businesses = expect(a, "GET", "/api/v1/businesses", 200)["businesses"]
    prefix_of = {biz["code"]: biz["prefix"] for biz in businesses}
    if len(officers) < 6 or len(windows) < 6:
        raise AssertionError(f"expected 6 demo officers and 6 windows, got {len(officers)} and {len(windows)}")
    tokens = {}
    serves = {}
    for i, (officer, window) in enumerate(zip(officers, windows)):
        port = PORTS[i % 2]
        token = expect(port, "POST", "/api/v1/auth/token", 200,
                       {"badge": officer["badge"], "password": PASSWORD})["token"]
        n = window["number"]
        # Sign in on the other server than the one that issued the token: tokens must work on both.
        signed = expect(PORTS[(i + 1) % 2], "POST", f"/api/v1/windows/{n}/sign-in", 200, token=token)
        if (signed.get("officer") or {}).get("badge") != officer["badge"]:
            fail(f"window {n} after sign-in shows officer {signed.get('officer')}, expected {officer['badge']}")
        tokens[n] = token
        serves[n] = set(window["businesses"])
    served = [biz["code"] for biz in businesses if any(biz["code"] in s for s in serves.values())]
    if not served:
        raise AssertionError("no business is served by any window")
    print(f"two-servers: {len(tokens)} windows signed in; businesses served: {', '.join(served)}", flush=True)

    # --- issue tickets concurrently on both servers -------------------------------------------
    def issue(i):
        code = served[i % len(served)]
        t = expect(PORTS[i % 2], "POST", "/api/v1/tickets", 201, {"business": code, "greenChannel": None})
        if t.get("business") != code or t.get("status") != "waiting":
            fail(f"issued ticket {t} is not a waiting {code} ticket")
        return t

    with ThreadPoolExecutor(max_workers=32) as pool:
        issued = list(pool.map(issue, range(args.tickets)))
    by_id = {t["id"]: t for t in issued}
    if len(by_id) != len(issued):
        fail(f"{len(issued) - len(by_id)} ticket ids handed out twice")
    numbers = collections.Counter(t["number"] for t in issued)
    dup_numbers = sorted(n for n, c in numbers.items() if c > 1)
    if dup_numbers:
        fail(f"ticket numbers issued more than once: {dup_numbers[:20]}")
    for t in issued:
        if not t["number"].startswith(prefix_of[t["business"]]):
            fail(f"ticket {t['number']} for {t['business']} does not start with prefix {prefix_of[t['business']]}")
    waiting = {biz["code"]: biz["waiting"] for biz in expect(b, "GET", "/api/v1/businesses", 200)["businesses"]}
    for code in served:
        want = sum(1 for t in issued if t["business"] == code)
        if waiting.get(code) != want:
            fail(f"business {code}: waiting {waiting.get(code)} after issuing {want}")

    # --- drain with bursts of concurrent call-next --------------------------------------------
    calls = collections.defaultdict(list)  # ticket id -> [window, ...]
    calls_lock = threading.Lock()
    counter = iter(range(10**9))
    counter_lock = threading.Lock()
    pool = ThreadPoolExecutor(max_workers=len(tokens) * BURST + 8)

    def next_port():
        with counter_lock:
            return PORTS[next(counter) % 2]

    def call_next(n):
        return http(next_port(), "POST", f"/api/v1/windows/{n}/call-next", {}, tokens[n])

    def queue_empty_for(n):
        # Nothing is issued while draining, so `waiting` only falls: >0 now means >0 at the 204.
        biz = expect(next_port(), "GET", "/api/v1/businesses", 200)["businesses"]
        return {b["code"]: b["waiting"] for b in biz if b["code"] in serves[n] and b["waiting"] > 0}

    def window_worker(n):
        try:
            drain_window(n)
        except Exception as e:  # noqa: BLE001 - recorded as a failure
            fail(f"window {n}: {type(e).__name__}: {e}")

    def drain_window(n):
        for _ in range(MAX_ROUNDS):
            results = [f.result() for f in [pool.submit(call_next, n) for _ in range(BURST)]]
            won = [p for s, p, _ in results if s == 200]
            empty = sum(1 for s, _, _ in results if s == 204)
            busy = [p for s, p, _ in results if s == 409]
            other = [(s, raw[:200]) for s, _, raw in results if s not in (200, 204, 409)]
            if other:
                fail(f"window {n}: call-next answered {other[:3]}")
                return
            if len(won) > 1:
                fail(f"window {n}: {len(won)} call-next succeeded in one burst: "
                     f"{[t['number'] for t in won]} (a window holds one ticket at a time)")
            if busy and not won:
                fail(f"window {n}: burst got 409 but no call succeeded: {busy[0]}")
                return
            if empty:
                left = queue_empty_for(n)
                if left:
                    fail(f"window {n}: call-next gave 204 while tickets wait: {left}")
            for t in won:
                with calls_lock:
                    calls[t.get("id")].append(n)
                if t.get("id") not in by_id:
                    fail(f"window {n}: called unknown ticket {t}")
                elif t.get("business") not in serves[n]:
                    fail(f"window {n}: called {t['number']} of {t.get('business')}, which it does not serve")
                if t.get("status") != "called" or window_of(t) != n:
                    fail(f"window {n}: called ticket shows status {t.get('status')} window {t.get('window')}")
                tid = t.get("id")
                for step, status in (("start", "serving"), ("finish", "finished")):
                    s, p, raw = http(next_port(), "POST", f"/api/v1/tickets/{tid}/{step}", {}, tokens[n])
                    if s != 200 or (p or {}).get("status") != status:
                        fail(f"window {n}: {step} {t.get('number')} -> {s} {raw[:200]}")
                        return
            if not won and empty == BURST:
                return
        fail(f"window {n}: still calling after {MAX_ROUNDS} rounds")

    started = time.time()
    workers = [threading.Thread(target=window_worker, args=(n,)) for n in tokens]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    pool.shutdown()
    elapsed = time.time() - started

    # --- verdict --------------------------------------------------------------------------------
    total_calls = sum(len(ws) for ws in calls.values())
    twice = {by_id.get(tid, {}).get("number", tid): ws for tid, ws in calls.items() if len(ws) > 1}
    never = [t["number"] for t in issued if t["id"] not in calls]
    if twice:
        fail(f"tickets called more than once (ticket: windows): {dict(list(twice.items())[:20])}")
    if never:
        fail(f"{len(never)} tickets never called: {never[:20]}")
    if total_calls != len(issued):
        fail(f"{total_calls} successful calls for {len(issued)} tickets")
    left = {biz["code"]: biz["waiting"] for biz in expect(a, "GET", "/api/v1/businesses", 200)["businesses"]
            if biz["waiting"]}
    if left:
        fail(f"still waiting after draining: {left}")
    per_window = {n: sum(ws.count(n) for ws in calls.values()) for n in tokens}
    print(f"two-servers: calls per window {per_window}, drained in {elapsed:.1f}s", flush=True)
    duplicates = len(dup_numbers) + sum(len(ws) - 1 for ws in twice.values())
    return len(issued), total_calls, duplicates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin", nargs="?")
    ap.add_argument("--database", default="postgres://chuangkou:chuangkou@127.0.0.1:5432/chuangkou_two")
    ap.add_argument("--tickets", type=int, default=200)
    ap.add_argument("--ports", default="18081,18082", help="two ports, comma-separated")
    ap.add_argument("--simultaneous", action="store_true",
                    help="start both servers at once on the empty database (races the demo-data load)")
    ap.add_argument("--no-reset", action="store_true", help="do not drop and recreate the database")
    args = ap.parse_args()
    global PORTS
    PORTS = tuple(int(p) for p in args.ports.split(","))
    assert len(PORTS) == 2, "--ports takes two ports"
    binary = find_bin(args.bin)
    busy = [p for p in PORTS if port_busy(p)]
    if busy:
        print(f"two-servers: FAILED: port(s) {busy} already in use (another run?)")
        return 1
    if not args.no_reset:
        reset_database(args.database)
    logdir = os.environ.get("CHUANGKOU_LOG_DIR") or tempfile.mkdtemp(prefix="two-servers-")
    os.makedirs(logdir, exist_ok=True)
    procs = []
    summary = None
    try:
        # By default one after the other: the first migrates and loads the demo data, the second finds them.
        for port in PORTS:
            procs.append(start_server(binary, port, args.database, logdir))
            if not args.simultaneous:
                wait_healthy(procs[-1], port)
        for proc, port in zip(procs, PORTS):
            wait_healthy(proc, port)
        summary = run(args)
    except Exception as e:  # noqa: BLE001 - any error fails the test with its message
        fail(f"{type(e).__name__}: {e}")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if summary:
        # Both servers appended to one audit: the hash chain must still be one line, every link intact.
        audit = subprocess.run([binary, "audit", "verify", "--database", args.database], capture_output=True, text=True)
        print(f"two-servers: {audit.stdout.strip()}", flush=True)
        if audit.returncode != 0:
            fail(f"audit verify after two servers: {audit.stdout.strip()} {audit.stderr.strip()[-500:]}")
    if failures:
        for proc in procs:
            print(f"--- {proc.log_path} ---\n{tail(proc.log_path)}", file=sys.stderr)
        tickets, calls, dups = summary or (0, 0, 0)
        print(f"two-servers: FAILED ({len(failures)} problems; {tickets} tickets, {calls} calls, {dups} duplicates)")
        return 1
    tickets, calls, dups = summary
    print(f"two-servers: {tickets} tickets, {calls} calls, {dups} duplicates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
