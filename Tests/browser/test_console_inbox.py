"""The officer's inbox on the console (issue 15) in a real browser under the strict CSP: an alert written to the
outbox shows with the unread count; one written while the console is open arrives through the event stream's
`alert` event without a reload; "mark read" and "mark all read" bring the count down.
The alerts are written straight into the server's database, as another server process would.
Screenshot: artifacts/screenshots/console-inbox-1440x900.png.
"""
import json
import os
import sqlite3
import time

from playwright.sync_api import expect

from conftest import ARTIFACTS
from screens import assert_clean, assert_labelled, strict_page
from test_guides import sign_in_console

SHOTS = ARTIFACTS / "screenshots"
OFFICER = "010231"
LIVE = 10_000


def write_alert(module, subject, key):
    now = int(time.time() * 1000)
    with sqlite3.connect(os.path.join(module.SERVER_TMP, "x.sqlite"), timeout=10) as db:
        db.execute(
            "INSERT INTO notification_outbox (idempotency_key, kind, recipient_badge, subject, payload, created_at, language, "
            "status, next_attempt_at) VALUES (?, 'deadline.warning', ?, ?, '{}', ?, 'zh-CN', 'pending', ?)",
            (key, OFFICER, subject, now, now),
        )
        db.execute("INSERT INTO hall_events (payload, at) VALUES (?, ?)", (json.dumps({"kind": "alert", "at": now}), now))


def test_console_inbox_live_and_mark_read(server, browser, request):
    module = request.module
    write_alert(module, "办件 A 距承诺期限还有1个工作日", "browser:1")
    page = strict_page(browser, 1440, 900)
    sign_in_console(page, OFFICER)
    page.goto(f"{server}/console")
    unread = page.locator("#inbox-unread")
    expect(unread).to_have_text("1")
    expect(page.locator("#inbox-list li.unread")).to_have_count(1)

    write_alert(module, "办件 B 已超期，已提级至值班领导", "browser:2")
    expect(unread).to_have_text("2", timeout=LIVE)
    expect(page.locator("#inbox-list li").first).to_contain_text("办件 B")
    assert_labelled(page, "console with inbox")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-inbox-1440x900.png"))

    page.locator("#inbox-list li.unread .inbox-mark").first.click()
    expect(unread).to_have_text("1")
    expect(page.locator("#inbox-list li.read")).to_have_count(1)
    page.click("#inbox-read-all")
    expect(unread).to_be_hidden()
    expect(page.locator("#inbox-list li.read")).to_have_count(2)
    expect(page.locator("#inbox-read-all")).to_be_disabled()
    assert_clean(page, "console with inbox")
