"""Kiosk, officer console and public display in a real browser (Debian's Chromium through Playwright).

Starts one chuangkou server on port 18090 with a fresh SQLite database. The binary is $CHUANGKOU_BIN,
or `swift build --show-bin-path`/chuangkou. Screenshots go to artifacts/screenshots/.
Run: python3 -m pytest -q Tests/browser
"""
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
PORT = 18090
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-pass-123"
LIVE_TIMEOUT = 10_000  # ms for a Server-Sent Event to reach the display


def api(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        raise AssertionError(f"GET {path}: {e.code} {e.read().decode(errors='replace')[:300]}") from None


def server_binary():
    if os.environ.get("CHUANGKOU_BIN"):
        return os.environ["CHUANGKOU_BIN"]
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "chuangkou")


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.fail(f"port {PORT} is already in use (another run?)")
    tmp = tempfile.mkdtemp(prefix="chuangkou-browser-")
    log_path = os.path.join(tmp, "server.log")
    cmd = [server_binary(), "serve", "--host", "127.0.0.1", "--port", str(PORT),
           "--database", os.path.join(tmp, "x.sqlite"), "--demo-password", PASSWORD]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{pathlib.Path(log_path).read_text(errors='replace')[-3000:]}")
            try:
                if api("/healthz") == {"status": "ok"}:
                    break
            except OSError:
                pass
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
        (ROOT / "artifacts").mkdir(exist_ok=True)
        shutil.copy(log_path, ROOT / "artifacts" / "browser-server.log")
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield b
        b.close()


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 800}).new_page()


def take_ticket(page, business):
    page.goto(f"{BASE}/kiosk")
    page.click(f'button[data-business="{business}"]')
    expect(page.locator("#ticket")).to_be_visible()
    number = page.locator("#ticket-number").inner_text().strip()
    assert number, "#ticket-number is empty"
    return number


def wait_for_window1(check, what, seconds=10):
    deadline = time.time() + seconds
    while True:
        current = next(w for w in api("/api/v1/windows")["windows"] if w["number"] == 1)["currentTicket"]
        if check(current):
            return
        assert time.time() < deadline, f"timed out waiting for {what}; current ticket: {current}"
        time.sleep(0.2)


def test_console_requires_login(server, browser):
    page = new_page(browser)
    page.goto(f"{BASE}/console")
    expect(page).to_have_url(re.compile(r"/console/login"))
    for sel in ("input[name=badge]", "input[name=password]", "button[type=submit]"):
        expect(page.locator(sel)).to_have_count(1)
    page.context.close()


def test_kiosk_has_a_button_per_business_in_both_languages(server, browser):
    codes = [b["code"] for b in api("/api/v1/businesses")["businesses"]]
    page = new_page(browser)
    for url in ("/kiosk", "/kiosk?lang=en"):
        page.goto(BASE + url)
        for code in codes:
            expect(page.locator(f'button[data-business="{code}"]')).to_have_count(1)
    page.context.close()


def test_called_ticket_reaches_console_and_display(server, browser):
    businesses = api("/api/v1/businesses")["businesses"]
    window1 = next(w for w in api("/api/v1/windows")["windows"] if w["number"] == 1)
    # The first business that window 1 serves (normally simply the first business).
    business = next(b for b in businesses if b["code"] in window1["businesses"])
    officer = next(o for o in api("/api/v1/officers")["officers"] if o["role"] == "officer")

    # The display is open before anything is called: it must update live, without reloading.
    display = new_page(browser)
    display.goto(f"{BASE}/display")
    expect(display.locator('[data-window="1"] .current-ticket')).to_have_count(1)
    display.evaluate("window.__notReloaded = true")

    kiosk = new_page(browser)
    number = take_ticket(kiosk, business["code"])
    assert re.fullmatch(re.escape(business["prefix"]) + r"\d{3,}", number), f"odd ticket number {number!r}"
    kiosk.screenshot(path=str(SHOTS / "kiosk.png"), full_page=True)

    console = new_page(browser)
    console.goto(f"{BASE}/console")
    expect(console).to_have_url(re.compile(r"/console/login"))
    console.fill("input[name=badge]", officer["badge"])
    console.fill("input[name=password]", PASSWORD)
    console.click("button[type=submit]")
    console.click('button[data-window="1"]')
    console.click("#call-next")
    expect(console.locator("#current-ticket")).to_contain_text(number)
    console.screenshot(path=str(SHOTS / "console.png"), full_page=True)

    expect(display.locator('[data-window="1"] .current-ticket')).to_contain_text(number, timeout=LIVE_TIMEOUT)
    expect(display.locator("#latest-calls")).to_contain_text(number, timeout=LIVE_TIMEOUT)
    assert display.evaluate("window.__notReloaded") is True, "the display reloaded instead of updating live"
    display.screenshot(path=str(SHOTS / "display.png"), full_page=True)

    current = next(w for w in api("/api/v1/windows")["windows"] if w["number"] == 1)["currentTicket"]
    assert current and current["number"] == number, f"API shows window 1 current ticket {current}"

    # Close that ticket, call a second one, and check a freshly opened display shows it too.
    console.click("#start")
    wait_for_window1(lambda t: t and t["status"] == "serving", "window 1's ticket serving after #start")
    console.click("#finish")
    wait_for_window1(lambda t: t is None, "window 1 free after #finish")
    second = take_ticket(kiosk, business["code"])
    assert second != number
    console.click("#call-next")
    expect(console.locator("#current-ticket")).to_contain_text(second)
    expect(display.locator('[data-window="1"] .current-ticket')).to_contain_text(second, timeout=LIVE_TIMEOUT)
    fresh = new_page(browser)
    fresh.goto(f"{BASE}/display")
    expect(fresh.locator('[data-window="1"] .current-ticket')).to_contain_text(second)
    expect(fresh.locator("#latest-calls")).to_contain_text(second)
    expect(fresh.locator("#latest-calls")).to_contain_text(number)
    fresh.screenshot(path=str(SHOTS / "display-reloaded.png"), full_page=True)
    for page in (display, kiosk, console, fresh):
        page.context.close()
