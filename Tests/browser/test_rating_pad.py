"""The rating pad (评价器) in a real browser: the system administrator issues window 1's pad token → the pad pairs with
it (device cookie) and shows the window's officer card → the officer finishes a ticket at the console → the pad turns,
live, to that ticket's five faces within a second → the citizen taps 非常不满意 and leaves a phone → the item is on
the duty leader's /rectifications, who opens the phone (audited), records the return visit and the outcome → the public
/results counts the bad review as fixed. Then 一次一评 from the citizen's phone: a finished ticket's page (360 px)
offers the faces and stores the rating from its form.

Screenshots in artifacts/screenshots/: rating-pad-pair-1280x800.png, rating-pad-card-1280x800.png,
rating-pad-faces-1280x800.png, rating-pad-faces-800x480.png, rating-pad-faces-800x1280.png,
rating-pad-details-1280x800.png, rating-pad-details-800x480.png, rating-pad-thanks-1280x800.png,
rating-pad-leader-1366x768.png, rating-pad-results-1366x768.png, ticket-rating-360x640.png, ticket-rated-360x640.png.
"""
import re
import time

from playwright.sync_api import expect

from screens import assert_contrast

from conftest import BASE, PASSWORD, totp
from test_guides import ARTIFACTS, api, sign_in_console

SHOTS = ARTIFACTS / "screenshots"
OFFICER = "010231"  # 王建国, window 1
OFFICER_NAME = "王建国"
LEADER = "010100"  # 赵国强, duty leader
ADMIN = "019900"  # the system administrator issues device tokens
RATER_PHONE = "13912345678"
FIX = "窗口离岗时放置暂停服务牌，由引导员告知等候群众"
MM = 96 / 25.4  # CSS pixels per millimetre


def admin_token():
    for attempt in range(2):
        try:
            return api("/api/v1/auth/token", "POST", {"badge": ADMIN, "password": PASSWORD, "code": totp()})["token"]
        except AssertionError:
            if attempt == 1:
                raise
            time.sleep(30 - time.time() % 30 + 0.5)  # that step's code was used already


def fits(page, what):
    """The pad never scrolls: everything is on its one screen."""
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    viewport = page.viewport_size
    assert size[0] <= viewport["width"] and size[1] <= viewport["height"], f"{what} scrolls: {size} in {viewport}"


def touch_sized(page, selector, what):
    for box in [e.bounding_box() for e in page.locator(selector).all() if e.is_visible()]:
        assert box["width"] >= 12 * MM - 0.5 and box["height"] >= 12 * MM - 0.5, f"{what} smaller than 12 mm: {box}"


def test_pad_turns_live_to_the_finished_ticket_and_a_bad_review_is_worked_and_published(server, browser):
    token = api("/api/v1/devices", "POST", {"id": "pad-window-1", "role": "ratingPad", "name": "1号窗口评价器", "window": 1},
                token=admin_token())["token"]

    # The officer signs in to window 1 at the console.
    console = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in_console(console, OFFICER)
    console.click('button[data-window="1"]')
    expect(console.locator("#call-next")).to_be_visible()

    # The pad: unpaired it asks for its token; paired it shows the window's officer card.
    pad = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True).new_page()
    pad.goto(f"{BASE}/windows/1/rate")
    expect(pad.locator('input[name="token"]')).to_be_visible()
    pad.screenshot(path=str(SHOTS / "rating-pad-pair-1280x800.png"))
    pad.fill('input[name="token"]', "dev_not-a-token")
    pad.click("button[type=submit]")
    expect(pad.locator("#pair-error")).to_contain_text("设备令牌无效")
    pad.fill('input[name="token"]', token)
    pad.click("button[type=submit]")
    expect(pad).to_have_url(f"{BASE}/windows/1/rate")
    expect(pad.locator("#pad-card")).to_be_visible()
    expect(pad.locator("#pad-name")).to_have_text(OFFICER_NAME)
    expect(pad.locator("#pad-badge")).to_have_text(OFFICER)
    cookies = {c["name"]: c for c in pad.context.cookies()}
    assert cookies["ck_device"]["httpOnly"] and cookies["ck_device"]["sameSite"] == "Strict"
    fits(pad, "the pad's officer card")
    assert_contrast(pad, "the pad's officer card")
    pad.screenshot(path=str(SHOTS / "rating-pad-card-1280x800.png"))
    pad.evaluate("window.__notReloaded = true")

    # A ticket is taken, called, served and finished at the console.
    ticket = api("/api/v1/tickets", "POST", {"business": "id-card"})
    console.click("#call-next")
    expect(console.locator("#current-ticket")).to_contain_text(ticket["number"])
    console.click("#start")
    expect(console.locator("#finish")).to_be_enabled()
    console.click("#finish")
    # Live from the hall's events: the faces within a second of the finish.
    expect(pad.locator("#pad-faces")).to_be_visible(timeout=1000)
    expect(pad.locator("#pad-ticket")).to_contain_text(ticket["number"])
    assert pad.evaluate("window.__notReloaded") is True, "the pad reloaded instead of turning live"
    for word in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        expect(pad.locator(".face span", has_text=re.compile(f"^{word}$"))).to_have_count(1)
    touch_sized(pad, ".face", "a face")
    fits(pad, "the faces at 1280×800")
    assert_contrast(pad, "the faces")
    pad.screenshot(path=str(SHOTS / "rating-pad-faces-1280x800.png"))
    for width, height in ((800, 480), (800, 1280)):
        pad.set_viewport_size({"width": width, "height": height})
        touch_sized(pad, ".face", f"a face at {width}×{height}")
        fits(pad, f"the faces at {width}×{height}")
        pad.screenshot(path=str(SHOTS / f"rating-pad-faces-{width}x{height}.png"))
    pad.set_viewport_size({"width": 1280, "height": 800})

    # 非常不满意, then the optional details: the attitude scored 1 and a phone for the call back.
    pad.locator("label.face-1").tap()
    expect(pad.locator("#pad-details")).to_be_visible()
    touch_sized(pad, "#pad-details .score, #pad-details button", "a score or button")
    fits(pad, "the details at 1280×800")
    assert_contrast(pad, "the details")
    pad.screenshot(path=str(SHOTS / "rating-pad-details-1280x800.png"))
    pad.set_viewport_size({"width": 800, "height": 480})
    fits(pad, "the details at 800×480")
    touch_sized(pad, "#pad-details .score, #pad-details button", "a score or button at 800×480")
    pad.screenshot(path=str(SHOTS / "rating-pad-details-800x480.png"))
    pad.set_viewport_size({"width": 1280, "height": 800})
    pad.locator('#pad-details input[name="attitude"][value="1"]').locator("xpath=..").tap()
    pad.fill('#pad-details input[name="contact"]', RATER_PHONE)
    pad.locator("#pad-submit").tap()
    expect(pad.locator("#pad-thanks")).to_be_visible()
    expect(pad.locator("#pad-thanks-bad")).to_be_visible()
    pad.screenshot(path=str(SHOTS / "rating-pad-thanks-1280x800.png"))
    # Back to the officer card after the thank-you; the rated ticket is not offered again.
    expect(pad.locator("#pad-card")).to_be_visible(timeout=10000)
    assert api("/api/v1/windows/1/rating-ticket", token=token)["ticket"] is None

    # The duty leader's list has the item; the leader opens the phone, calls back and records the fix.
    leader = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    sign_in_console(leader, LEADER)
    leader.goto(f"{BASE}/rectifications")
    row = leader.locator("tr[data-rectification]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("非常不满意")
    expect(row).to_contain_text("1号窗口")
    assert RATER_PHONE not in leader.content()
    leader.screenshot(path=str(SHOTS / "rating-pad-leader-1366x768.png"), full_page=True)
    row.locator("a").click()
    leader.click("#reveal-contact-form button")
    expect(leader.locator("#revealed-contact")).to_have_text(RATER_PHONE)
    leader.check('#return-visit-form input[value="contacted"]')
    leader.fill('#return-visit-form textarea[name="note"]', "评价人反映窗口民警离岗未告知，已致歉")
    leader.click("#return-visit-form button[type=submit]")
    expect(leader.locator("p.done")).to_have_text("已登记回访")
    assert RATER_PHONE not in leader.content(), "the phone is shown only in the answer to its opening"
    leader.check('#outcome-form input[value="fixedNow"]')
    leader.fill('#outcome-form textarea[name="description"]', FIX)
    leader.click("#outcome-form button[type=submit]")
    expect(leader.locator(".rectification-item .state-label")).to_have_text("已办结")

    # The public results count it as fixed and describe the fix; no rater, no officer.
    public = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    public.goto(f"{BASE}/results")
    expect(public.locator("#bad-total")).to_have_text("1")
    expect(public.locator("#bad-fixed")).to_have_text("1")
    expect(public.locator("#return-visit-rate")).to_contain_text("100.0% (1/1)")
    expect(public.locator("#fixes")).to_contain_text(FIX)
    html = public.content()
    for secret in (RATER_PHONE, "139****5678", OFFICER, OFFICER_NAME):
        assert secret not in html, f"the public page shows {secret!r}"
    public.screenshot(path=str(SHOTS / "rating-pad-results-1366x768.png"), full_page=True)
    for page in (console, pad, leader, public):
        page.context.close()


def test_ticket_page_on_the_phone_offers_the_rating_once_finished(server, browser):
    officer = api("/api/v1/auth/token", "POST", {"badge": "010232", "password": PASSWORD})["token"]
    api("/api/v1/windows/2/sign-in", "POST", token=officer)
    ticket = api("/api/v1/tickets", "POST", {"business": "id-card"})
    phone = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True).new_page()
    phone.goto(f"{BASE}/tickets/{ticket['id']}")
    expect(phone.locator("#rating-form")).to_be_hidden()
    called = api("/api/v1/windows/2/call-next", "POST", token=officer)
    assert called["id"] == ticket["id"]
    api(f"/api/v1/tickets/{ticket['id']}/start", "POST", token=officer)
    api(f"/api/v1/tickets/{ticket['id']}/finish", "POST", token=officer)
    # The open page turns to the faces by itself.
    expect(phone.locator("#rating-form")).to_be_visible(timeout=5000)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the ticket page scrolls sideways: {width}px"
    assert_contrast(phone, "the ticket page's rating")
    phone.screenshot(path=str(SHOTS / "ticket-rating-360x640.png"), full_page=True)
    phone.locator("label.face-5").tap()
    phone.locator('input[name="efficiency"][value="5"]').locator("xpath=..").tap()
    phone.click("#rating-form button[type=submit]")
    expect(phone.locator("#rating-thanks")).to_contain_text("感谢您的评价")
    expect(phone.locator("#rating-form")).to_be_hidden()
    phone.screenshot(path=str(SHOTS / "ticket-rated-360x640.png"), full_page=True)
    assert api(f"/api/v1/tickets/{ticket['id']}/rating")["rated"] is True
    phone.context.close()
