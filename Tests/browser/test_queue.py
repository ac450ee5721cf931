"""Kiosk, officer console and public display in a real browser (Debian's Chromium through Playwright).

The `server` and `browser` fixtures are in conftest.py (one fresh server per module, port 18090).
Screenshots go to artifacts/screenshots/.
Run: python3 -m pytest -q Tests/browser
"""
import json
import pathlib
import re
import time
import urllib.error
import urllib.request

from playwright.sync_api import expect

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
