"""The closed loop on a bad review (差评) in a real browser (Debian's Chromium through Playwright): a ticket served at
window 1 and rated 非常不满意 through the API with a contact → the duty leader's /rectifications list shows it with its
limits → the return visit and the outcome are recorded through the item page's forms (CSRF field, PRG) → the public
/results page counts it as fixed and describes the fix, with no rater's phone and no officer's name anywhere, on a
1366×768 screen, at 360 px (no sideways scrolling) and printed on one A4 page.

Screenshots: rectifications-1366x768.png, rectifications-360x640.png, rectification-item-1366x768.png,
rectification-closed-1366x768.png, results-1366x768.png, results-360x640.png; results.pdf in artifacts/pdf/.
"""
import re
import subprocess

from playwright.sync_api import expect

from screens import assert_contrast

from conftest import BASE, PASSWORD
from test_guides import ARTIFACTS, PDFS, api, compact, sign_in_console

SHOTS = ARTIFACTS / "screenshots"
OFFICER = "010231"  # window 1
OFFICER_NAME = "王建国"
LEADER = "010100"  # 赵国强, duty leader
RATER_PHONE = "13912345678"
FIX = "窗口民警离岗须放置暂停服务牌并由引导员告知"


def served_ticket():
    token = api("/api/v1/auth/token", "POST", {"badge": OFFICER, "password": PASSWORD})["token"]
    api("/api/v1/windows/1/sign-in", "POST", token=token)
    ticket = api("/api/v1/tickets", "POST", {"business": "residence-permit"})
    called = api("/api/v1/windows/1/call-next", "POST", token=token)
    assert called["id"] == ticket["id"]
    api(f"/api/v1/tickets/{ticket['id']}/start", "POST", token=token)
    api(f"/api/v1/tickets/{ticket['id']}/finish", "POST", token=token)
    return ticket


def no_sideways_scroll(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{what} scrolls sideways: {width}px"


def test_bad_review_from_rating_to_published_fix(server, browser):
    ticket = served_ticket()
    rating = api(f"/api/v1/tickets/{ticket['id']}/rating", "POST",
                 {"level": 1, "comment": "等候时窗口没人", "contact": RATER_PHONE})
    item = rating["rectification"]
    assert item, rating

    leader = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    sign_in_console(leader, LEADER)
    expect(leader.locator('.staff-links a[href="/rectifications"]')).to_be_visible()
    leader.click('.staff-links a[href="/rectifications"]')
    row = leader.locator(f'tr[data-rectification="{item}"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("非常不满意")
    expect(row).to_contain_text("剩余15个工作日")
    expect(row).to_contain_text("待回访")
    assert RATER_PHONE not in leader.content() and "****5678" not in leader.content()
    assert_contrast(leader, "rectification list")
    leader.screenshot(path=str(SHOTS / "rectifications-1366x768.png"), full_page=True)

    row.locator("a").click()
    expect(leader).to_have_url(re.compile(rf"/rectifications/{item}$"))
    expect(leader.locator("#outcome-form")).to_have_count(0)
    expect(leader.locator(".action-note")).to_contain_text("请先回访评价人")
    assert leader.locator('#return-visit-form input[name="csrf_token"]').get_attribute("value"), "the form carries the CSRF token"
    assert_contrast(leader, "rectification item")
    leader.screenshot(path=str(SHOTS / "rectification-item-1366x768.png"), full_page=True)

    # An empty note is refused in words, in the page; then the return visit goes through and the page comes back (PRG).
    leader.check('#return-visit-form input[value="contacted"]')
    leader.fill('#return-visit-form textarea[name="note"]', "   ")
    leader.click("#return-visit-form button[type=submit]")
    expect(leader.locator("p.error")).to_have_text("请填写说明")
    leader.check('#return-visit-form input[value="contacted"]')
    leader.fill('#return-visit-form textarea[name="note"]', "评价人反映等候时窗口无人，已致歉")
    leader.click("#return-visit-form button[type=submit]")
    expect(leader).to_have_url(re.compile(r"\?done=return-visits$"))
    expect(leader.locator("p.done")).to_have_text("已登记回访")
    expect(leader.locator("table.history")).to_contain_text("回访：已联系评价人。评价人反映等候时窗口无人，已致歉")

    leader.check('#outcome-form input[value="fixedNow"]')
    leader.fill('#outcome-form textarea[name="description"]', FIX)
    leader.click("#outcome-form button[type=submit]")
    expect(leader).to_have_url(re.compile(r"\?done=outcome$"))
    expect(leader.locator(".outcome")).to_contain_text(FIX)
    expect(leader.locator(".rectification-item .state-label")).to_have_text("已办结")
    history = leader.locator("table.history tbody tr")
    expect(history).to_have_count(3)  # opened, return visit, outcome
    expect(history.nth(2)).to_contain_text("赵国强（010100）")
    leader.screenshot(path=str(SHOTS / "rectification-closed-1366x768.png"), full_page=True)

    leader.goto(f"{BASE}/rectifications?show=closed")
    expect(leader.locator(f'tr[data-rectification="{item}"]')).to_be_visible()
    phone_list = browser.new_context(viewport={"width": 360, "height": 640}, storage_state=leader.context.storage_state()).new_page()
    phone_list.goto(f"{BASE}/rectifications?show=closed")
    no_sideways_scroll(phone_list, "the rectification list at 360 px")
    assert_contrast(phone_list, "closed items at 360 px")  # the display's .state-closed once darkened these rows
    phone_list.screenshot(path=str(SHOTS / "rectifications-360x640.png"), full_page=True)

    # The public page, signed out.
    public = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    public.goto(f"{BASE}/results")
    expect(public.locator("#bad-total")).to_have_text("1")
    expect(public.locator("#bad-fixed")).to_have_text("1")
    expect(public.locator("#return-visit-rate")).to_contain_text("100.0% (1/1)")
    expect(public.locator("#fixes")).to_contain_text(FIX)
    expect(public.locator("#by-window")).to_contain_text("1号窗口")
    html = public.content()
    for secret in (RATER_PHONE, "139****5678", "等候时窗口没人", OFFICER, OFFICER_NAME, LEADER, "赵国强"):
        assert secret not in html, f"the public page shows {secret!r}"
    assert_contrast(public, "results page")
    public.screenshot(path=str(SHOTS / "results-1366x768.png"), full_page=True)

    phone = browser.new_context(viewport={"width": 360, "height": 640}).new_page()
    phone.goto(f"{BASE}/results")
    expect(phone.locator("#bad-fixed")).to_have_text("1")
    no_sideways_scroll(phone, "the results page at 360 px")
    assert_contrast(phone, "results page at 360 px")
    phone.screenshot(path=str(SHOTS / "results-360x640.png"), full_page=True)

    # Printed: one A4 page with the figures and the fix, without the month picker.
    PDFS.mkdir(parents=True, exist_ok=True)
    public.emulate_media(media="print")
    public.pdf(path=str(PDFS / "results.pdf"), format="A4", print_background=True, prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(PDFS / "results.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    (PDFS / "results.txt").write_text(text)
    pages = subprocess.run(["pdfinfo", str(PDFS / "results.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", pages), pages
    assert compact(FIX) in compact(text) and compact("差评整改情况") in compact(text)
    assert "查看" not in text and RATER_PHONE not in text
