#!/usr/bin/env python3
"""Fuzzes the running hall against its own OpenAPI document with schemathesis (pinned in .ci/run), as a visitor and
with officer, duty-leader and administrator tokens, bounded in time; fails on any 5xx, crash or schema mismatch.

Usage: schemathesis_run.py [BIN] [--seconds N]   (BIN defaults to $CHUANGKOU_BIN)
"""
import argparse, base64, hashlib, hmac, json, os, shutil, struct, subprocess, sys, tempfile, time, urllib.request

PASSWORD = "fuzz-pass-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PORT = 18190


def totp(secret, at, step_offset=0):
    key = base64.b32decode(secret)
    counter = int(at // 30) + step_offset
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def post(path, body):
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def token(badge, admin=False):
    for offset in ([-1, 0, 1] if admin else [None]):
        body = {"badge": badge, "password": PASSWORD}
        if offset is not None:
            body["code"] = totp(SECRET, time.time(), offset)
        status, answer = post("/api/v1/auth/token", body)
        if status == 200:
            return answer["token"]
    sys.exit(f"schemathesis: could not sign in {badge}: {status} {answer}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin", nargs="?", default=os.environ.get("CHUANGKOU_BIN"))
    ap.add_argument("--seconds", type=int, default=60, help="time budget per caller")
    args = ap.parse_args()
    if not args.bin:
        sys.exit("schemathesis: give the chuangkou binary (or set CHUANGKOU_BIN)")
    tmp = tempfile.mkdtemp(prefix="fuzz-")
    out = os.environ.get("CHUANGKOU_LOG_DIR") or tmp
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, CHUANGKOU_DEMO_TOTP_SECRET=SECRET,
               # The fuzzer issues thousands of tickets from one address; the limit itself has its own tests.
               CHUANGKOU_TICKETS_PER_MINUTE_PER_ADDRESS="1000000", CHUANGKOU_LOGIN_FAILURES_BEFORE_LOCKOUT="1000000",
               CHUANGKOU_STATUS_MAX_FAILURES="1000000")
    log = open(os.path.join(out, "server.log"), "w")
    server = subprocess.Popen([args.bin, "serve", "--port", str(PORT), "--database", os.path.join(tmp, "fuzz.sqlite"),
                               "--demo-password", PASSWORD], stdout=log, stderr=subprocess.STDOUT, env=env)
    failed = []
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        callers = [("visitor", None), ("officer", token("010231")), ("leader", token("010100")),
                   ("admin", token("019900", admin=True))]
        # positive_data_acceptance is left out: a schema cannot say which dates are real, which ids exist or whose case
        # it is, so schema-valid requests are rightly refused with 400/404/409. Every other check runs.
        for name, bearer in callers:
            command = ["schemathesis", "run", f"http://127.0.0.1:{PORT}/openapi.json", "--checks", "all", "--exclude-checks", "positive_data_acceptance",
                       "--max-time", str(args.seconds), "--max-examples", "40", "--workers", "1", "--seed", "9",
                       "--exclude-path", "/api/v1/events", "--exclude-path", "/api/v1/auth/sign-out",
                       "--request-timeout", "10", "--report", "junit", "--report-junit-path", os.path.join(out, f"{name}.xml")]
            if bearer:
                command += ["-H", f"Authorization: Bearer {bearer}"]
            print(f"schemathesis: {name}", flush=True)
            result = subprocess.run(command, stdout=open(os.path.join(out, f"{name}.txt"), "w"), stderr=subprocess.STDOUT)
            if result.returncode != 0:
                failed.append(name)
            if server.poll() is not None:
                failed.append(f"server died ({server.returncode})")
                break
    finally:
        server.terminate()
        server.wait(timeout=10)
    if failed:
        print(f"schemathesis: FAILED for {failed}; see {out}")
        sys.exit(1)
    print("schemathesis: no 5xx, crash or schema mismatch")
    if out == tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
