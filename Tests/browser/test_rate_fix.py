"""The rater rates the fix (对整改结果评价) on their phone: a ticket served at window 1 is rated 非常不满意 with a phone,
the duty leader calls back and records the outcome, and the outcome message in the outbox carries a link; opened on a
360 px phone without signing in, the page says what came of the review in plain words and takes one rating of the fix
by a plain form (PRG); afterwards the faces are gone and the rating is shown, and the staff item records it.

Screenshots: rate-fix-360x640.png (the outcome and the faces), rate-fix-rated-360x640.png (after rating).
"""
import os
import re
import sqlite3
import sys

from playwright.sync_api import expect

from screens import assert_contrast

from conftest import BASE
from test_complaints import token
from test_evaluation_pages import no_sideways_scroll, served_ticket
from test_guides import ARTIFACTS, api

SHOTS = ARTIFACTS / "screenshots"
LEADER = "010100"
RATER_PHONE = "13912345678"
FIX = "高峰时段增开一个居住证窗口，并由引导员提前告知等候时间"


def outcome_link():
    """The link of the last outcome message the outbox holds, as the SMS gateway would send it."""
    module = sys.modules[__name__]
    db = sqlite3.connect(os.path.join(module.SERVER_TMP, "x.sqlite"))
    try:
        row = db.execute("SELECT subject FROM notification_outbox WHERE kind = 'rectification.outcome' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        db.close()
    assert row, "no outcome message in the outbox"
    found = re.search(r"https?://\S+/rate-fix/[a-z0-9]{20}", row[0])
    assert found, row[0]
    return found.group(0)


def test_the_rater_rates_the_fix_on_a_phone(server, browser):
    ticket = served_ticket()
    rating = api(f"/api/v1/tickets/{ticket['id']}/rating", "POST", {"level": 1, "contact": RATER_PHONE})
    item = rating["rectification"]
    leader = token(LEADER)
    api(f"/api/v1/rectifications/{item}/return-visits", "POST", {"result": "contacted", "note": "评价人反映等候太久"}, token=leader)
    api(f"/api/v1/rectifications/{item}/outcome", "POST", {"kind": "fixedNow", "description": FIX}, token=leader)
    link = outcome_link()
    assert link.startswith(BASE + "/rate-fix/"), link

    phone = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True).new_page()
    phone.goto(link)
    expect(phone.locator("#fix-outcome")).to_have_text("您反映的问题已整改")
    expect(phone.locator("#fix-description")).to_contain_text(FIX)
    expect(phone.locator(".fix-review")).to_contain_text("非常不满意")
    expect(phone.locator("#fix-form .face")).to_have_count(5)
    html = phone.content()
    for secret in (RATER_PHONE, "139****5678", LEADER, "赵国强", "010231", "王建国"):
        assert secret not in html, f"the rater's page shows {secret!r}"
    no_sideways_scroll(phone, "the rate-the-fix page at 360 px")
    assert_contrast(phone, "rate-the-fix page")
    phone.screenshot(path=str(SHOTS / "rate-fix-360x640.png"), full_page=True)

    # A tap on a face, then the button: stored once, the page comes back with the thanks and without the faces.
    phone.locator("#fix-form .face-4").click()
    phone.click("#fix-form button[type=submit]")
    expect(phone).to_have_url(re.compile(r"\?rated=1$"))
    expect(phone.locator("#fix-thanks")).to_have_text("感谢您的评价！")
    expect(phone.locator("#fix-rated")).to_contain_text("满意")
    expect(phone.locator("#fix-form")).to_have_count(0)
    no_sideways_scroll(phone, "the rated page at 360 px")
    phone.screenshot(path=str(SHOTS / "rate-fix-rated-360x640.png"), full_page=True)

    staff = api(f"/api/v1/rectifications/{item}", token=leader)
    assert staff["fixRating"] == 4, staff
    assert any(line["code"] == "fix-rated" for line in staff["history"]), staff["history"]
