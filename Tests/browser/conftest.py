"""Shared fixtures for the browser tests: a real chuangkou server and Debian's Chromium through Playwright.

Each test module gets its own server on port 18090 with a fresh SQLite database and the demo hall, so the
modules do not see each other's tickets, sign-ins or published guides. The binary is $CHUANGKOU_BIN, or
`swift build --show-bin-path`/chuangkou. Every module's server log is appended to artifacts/browser-server.log.
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SERVER_LOG = ARTIFACTS / "browser-server.log"
# CHUANGKOU_BROWSER_PORT lets two checkouts run their browser tests side by side.
PORT = int(os.environ.get("CHUANGKOU_BROWSER_PORT", "18090"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-pass-123"
# The demo administrators' (and leaders') second factor: a fixed TOTP secret, so the tests can sign in as they do.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp(at=None):
    """RFC 6238: six digits, 30-second steps, HMAC-SHA1, as the server checks them."""
    import base64, hashlib, hmac, struct
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(TOTP_SECRET), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _healthy():
    try:
        with urllib.request.urlopen(BASE + "/healthz", timeout=10) as r:
            return json.load(r) == {"status": "ok"}
    except (OSError, ValueError, urllib.error.HTTPError):
        return False


def server_binary():
    if os.environ.get("CHUANGKOU_BIN"):
        return os.environ["CHUANGKOU_BIN"]
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "chuangkou")


@pytest.fixture(scope="session", autouse=True)
def _fresh_server_log():
    ARTIFACTS.mkdir(exist_ok=True)
    SERVER_LOG.unlink(missing_ok=True)
    yield


@pytest.fixture(scope="module")
def server(request):
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.fail(f"port {PORT} is already in use (another run?)")
    tmp = tempfile.mkdtemp(prefix="chuangkou-browser-")
    log_path = os.path.join(tmp, "server.log")
    cmd = [server_binary(), "serve", "--host", "127.0.0.1", "--port", str(PORT),
           "--database", os.path.join(tmp, "x.sqlite"), "--demo-password", PASSWORD]
    env = dict(os.environ, CHUANGKOU_DEMO_TOTP_SECRET=TOTP_SECRET)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.time() + 60
        while not _healthy():
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{pathlib.Path(log_path).read_text(errors='replace')[-3000:]}")
            if time.time() > deadline:
                pytest.fail("GET /healthz did not answer {\"status\":\"ok\"} within 60s")
            time.sleep(0.3)
        yield BASE
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        ARTIFACTS.mkdir(exist_ok=True)
        with open(SERVER_LOG, "ab") as out:
            out.write(f"=== server for {request.module.__name__} ===\n".encode())
            with open(log_path, "rb") as log:
                shutil.copyfileobj(log, out)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield b
        b.close()
