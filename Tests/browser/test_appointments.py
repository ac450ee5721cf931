"""An appointment walked in a real browser: a citizen books a slot from a guide page on a 360 px phone (the one-time
code read from the outbox, as an SMS gateway would deliver it), checks in at the kiosk with the booking code, and an
officer's call-next calls that ticket; the display marks it 预约. Screenshots go to artifacts/screenshots/.

The server runs with slots all day, 5 minutes long, no booking cut-off and check-in open 2 hours ahead, so the test
can book and check in within a minute whatever the time of day (on a working day; on a day off it is skipped).
"""
import json
import os
import sqlite3
import time
import urllib.error
import urllib.request

import pytest

from conftest import ARTIFACTS, BASE, PASSWORD

SHOTS = ARTIFACTS / "screenshots"
OFFICER = "010231"  # window 1 serves id-card
SERVER_ENV = {
    "CHUANGKOU_APPOINTMENTS_OPENS": "00:00",
    "CHUANGKOU_APPOINTMENTS_CLOSES": "23:55",
    "CHUANGKOU_APPOINTMENTS_LUNCH": "",
    "CHUANGKOU_APPOINTMENTS_SLOT_MINUTES": "5",
    "CHUANGKOU_APPOINTMENTS_CUTOFF_MINUTES": "0",
    "CHUANGKOU_APPOINTMENTS_CHECK_IN_BEFORE": "120",
}


def call(path, method="GET", body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, json.loads(raw) if raw else None


def phone_code(module):
    """The last one-time code the outbox holds, as the SMS gateway would send it."""
    db = sqlite3.connect(os.path.join(module.SERVER_TMP, "x.sqlite"))
    try:
        row = db.execute("SELECT subject FROM notification_outbox WHERE kind = 'booking.code' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        db.close()
    assert row, "no code in the outbox"
    return "".join(ch for ch in row[0].split("，")[0] if ch.isdigit())


def test_book_check_in_and_get_called(server, browser, request):
    status, slots = call("/api/v1/appointments/slots?business=id-card")
    assert status == 200, slots
    if not any(s["open"] and s["left"] > 0 for s in slots["slots"]):
        pytest.skip("today is not a working day in the hall's calendar: no slots to book")

    phone = browser.new_page(viewport={"width": 360, "height": 740})
    phone.goto(BASE + "/guides/id-card")
    phone.click("#book-appointment")
    phone.wait_for_url("**/appointments/new?business=id-card")
    phone.locator("input[name=slot]:not([disabled])").first.check()
    phone.fill("input[name=name]", "张三")
    phone.fill("input[name=phone]", "13912345678")
    phone.fill("input[name=idNumber]", "11010519491231002X")
    phone.click("button[value=send-code]")
    phone.wait_for_selector(".message.ok")
    phone.screenshot(path=str(SHOTS / "appointment-new-360x740.png"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the booking page scrolls sideways at 360 px"
    # The form keeps what was typed; the chosen slot is chosen again.
    phone.locator("input[name=slot]:not([disabled])").first.check()
    phone.fill("input[name=idNumber]", "11010519491231002X")
    phone.fill("input[name=phoneCode]", phone_code(request.module))
    phone.click("button[value=book]")
    code = phone.text_content("#booking-code").strip()
    assert len(code) == 12
    phone.screenshot(path=str(SHOTS / "appointment-booked-360x740.png"), full_page=True)

    phone.goto(BASE + "/appointments/manage")
    phone.fill("input[name=code]", code)
    phone.click("button[value=query]")
    assert phone.text_content("#appointment-status").strip() == "已预约"
    phone.screenshot(path=str(SHOTS / "appointment-manage-360x740.png"), full_page=True)

    kiosk = browser.new_page(viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk.goto(BASE + "/kiosk")
    kiosk.screenshot(path=str(SHOTS / "kiosk-places-1080x1920.png"))
    kiosk.tap("#kiosk-check-in")
    kiosk.fill("input[name=code]", code.lower())
    kiosk.tap("button[type=submit]")
    number = kiosk.text_content("#check-in-ticket").strip()
    assert number.startswith("A"), number
    kiosk.screenshot(path=str(SHOTS / "kiosk-check-in-1080x1920.png"))

    status, body = call("/api/v1/auth/token", "POST", {"badge": OFFICER, "password": PASSWORD})
    assert status == 200, body
    officer = body["token"]
    assert call("/api/v1/windows/1/sign-in", "POST", token=officer)[0] == 200
    status, called = call("/api/v1/windows/1/call-next", "POST", token=officer)
    assert status == 200, called
    assert called["number"] == number

    display = browser.new_page(viewport={"width": 1920, "height": 1080})
    display.goto(BASE + "/display")
    display.wait_for_selector("#latest-calls .appointment-mark")
    time.sleep(0.5)
    display.screenshot(path=str(SHOTS / "display-appointment-1920x1080.png"))
    for page in (phone, kiosk, display):
        page.close()
