"""Every public screen at its real size, in Debian's Chromium, under `Content-Security-Policy: script-src 'self'`:
the wall display (1920×1080, 1366×768, 3840×2160), the portrait kiosk (1080×1920), the officer console (1440×900),
the citizen's phone pages (390×844, 360×640), the start, admin and error pages. What can be measured is asserted
(scrolling, the ticket number's height, touch targets, contrast, labels, one-press finish-and-call, live counts, the
ticket page updating in place, the QR code read back with zbarimg); screenshots go to artifacts/screenshots/ and the
printed ticket slip to artifacts/pdf/ticket-slip.pdf and .png.
"""
import datetime
import re
import subprocess
import time
import urllib.request
import zoneinfo

from playwright.sync_api import expect

from conftest import ARTIFACTS, BASE, PASSWORD, server_binary
from screens import (MM, assert_citizen_page, assert_clean, assert_contrast, assert_labelled, assert_no_scroll,
                     assert_words, strict_page, targets_smaller_than)
from test_guides import api, sign_in_console

SHOTS = ARTIFACTS / "screenshots"
PDFS = ARTIFACTS / "pdf"
HALL_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
LIVE = 10_000


def token(badge):
    return api("/api/v1/auth/token", "POST", {"badge": badge, "password": PASSWORD})["token"]


def seat(badge, window):
    t = token(badge)
    api(f"/api/v1/windows/{window}/sign-in", "POST", token=t)
    return t


def shot(page, name, full_page=False):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def ticket_height_share(page, window):
    return page.evaluate("""(w) => document.querySelector('[data-window="' + w + '"] .current-ticket')
        .getBoundingClientRect().height / innerHeight""", window)


def test_wall_display_at_every_size(server, browser):
    first_officer, second_officer = seat("010231", 1), seat("010232", 2)
    tickets = [api("/api/v1/tickets", "POST", {"business": "id-card"}) for _ in range(2)]
    page = strict_page(browser, 1920, 1080)
    page.goto(BASE + "/display")
    page.click("#enable-sound")
    expect(page.locator("#enable-sound")).to_be_hidden()

    api("/api/v1/windows/1/call-next", "POST", token=first_officer)
    banner = page.locator("#call-banner")
    expect(banner).to_be_visible(timeout=LIVE)
    expect(banner).to_have_text(f"请{tickets[0]['number']}号到1号窗口办理")
    card = page.locator('[data-window="1"]')
    expect(card).to_have_attribute("data-state", "called")
    expect(card.locator(".window-state")).to_have_text("叫号中")
    shot(page, "display-call-banner-1920x1080")
    api(f"/api/v1/tickets/{tickets[0]['id']}/start", "POST", token=first_officer)
    expect(card).to_have_attribute("data-state", "serving", timeout=LIVE)
    expect(card.locator(".window-state")).to_have_text("办理中")
    api("/api/v1/windows/2/call-next", "POST", token=second_officer)
    expect(page.locator('[data-window="2"]')).to_have_attribute("data-state", "called", timeout=LIVE)
    # The banner is shown for the seconds after the call, then the board again.
    expect(banner).to_be_hidden(timeout=15_000)
    recent = page.locator("#latest-calls")
    assert recent.evaluate("e => e.tagName") == "UL", "recent calls must not be numbered like queue positions"
    expect(recent.locator("li").first).to_contain_text(tickets[1]["number"])
    expect(page.locator('[data-window="3"]')).to_have_attribute("data-state", "closed")
    assert_contrast(page, "display")
    assert_words(page, "display")
    assert_clean(page, "display")

    # Sound stays armed on this device after a reload: no tap is lost.
    page.reload()
    expect(page.locator('[data-window="1"] .current-ticket')).to_have_text(tickets[0]["number"])
    expect(page.locator("#enable-sound")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('chuangkou.display.sound')") == "on"

    for width, height in ((1920, 1080), (1366, 768), (3840, 2160)):
        sized = page if width == 1920 else strict_page(browser, width, height)
        if sized is not page:
            sized.goto(BASE + "/display")
        expect(sized.locator('[data-window="1"] .current-ticket')).to_have_text(tickets[0]["number"])
        assert_no_scroll(sized, f"display at {width}×{height}")
        overflowing = sized.evaluate("""() => Array.from(document.querySelectorAll('.window-card, .display-side'))
            .filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.className)""")
        assert not overflowing, f"content cut off at {width}×{height}: {overflowing}"
        share = ticket_height_share(sized, 1)
        assert 0.13 <= share <= 0.15, f"ticket number is {share:.1%} of the screen height at {width}×{height}"
        shot(sized, f"display-{width}x{height}")
        assert_clean(sized, f"display at {width}×{height}")



def start_server(port, database):
    proc = subprocess.Popen([server_binary(), "serve", "--host", "127.0.0.1", "--port", str(port), "--database", database,
                             "--demo-password", PASSWORD], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("the second server did not start")


def test_display_offline_overlay(browser, tmp_path):
    """A server of its own, stopped and started again: the display says it is offline, dims the numbers, and recovers."""
    port = 18097
    database = str(tmp_path / "offline.sqlite")
    proc = start_server(port, database)
    try:
        page = strict_page(browser, 1920, 1080)
        page.goto(f"http://127.0.0.1:{port}/display")
        expect(page.locator("#offline")).to_be_hidden()
        proc.terminate()
        proc.wait(timeout=15)
        expect(page.locator("#offline")).to_be_visible(timeout=LIVE)
        assert float(page.locator(".display-main").evaluate("e => getComputedStyle(e).opacity")) < 0.5
        shot(page, "display-offline-1920x1080")
        proc = start_server(port, database)
        expect(page.locator("#offline")).to_be_hidden(timeout=LIVE)
        assert float(page.locator(".display-main").evaluate("e => getComputedStyle(e).opacity")) == 1
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_console_one_press_and_only_applicable_buttons(server, browser):
    seal = [api("/api/v1/tickets", "POST", {"business": "seal-filing"}) for _ in range(2)]
    green = api("/api/v1/tickets", "POST", {"business": "seal-trade-filing", "greenChannel": "disability"})
    page = strict_page(browser, 1440, 900)
    page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError(f"a browser dialog was used: {d.message}")))
    sign_in_console(page, "010233")
    page.click('button.choice[data-window="3"]')
    expect(page.locator("#queue-count")).to_have_text("3")
    queue = page.locator("#queue-list")
    expect(queue.locator("li").first).to_contain_text("绿色通道：残疾人")
    expect(queue.locator("li").nth(1)).to_contain_text("公章刻制备案")
    expect(queue.locator("li").nth(1)).to_contain_text("已等候")
    expect(page.locator("#open-case")).to_be_hidden()
    enabled = lambda: {b: page.locator(f"#{b}").is_enabled() for b in
                       ("call-next", "start", "finish-and-call", "recall", "finish", "no-show", "transfer", "pause", "leave")}
    assert enabled() == {"call-next": True, "start": False, "finish-and-call": False, "recall": False, "finish": False,
                         "no-show": False, "transfer": False, "pause": True, "leave": True}, enabled()
    for key in ("N", "S", "F"):
        expect(page.locator(f'.actions button kbd:text-is("{key}")')).to_have_count(1)
    shot(page, "console-empty-1440x900")

    page.keyboard.press("n")
    expect(page.locator("#current-ticket")).to_have_text(green["number"])
    expect(page.locator("#current-business")).to_have_text("印章刻制业备案")
    # Taken without a kiosk or an officer, the green channel was declared: it is checked before service starts.
    expect(page.locator("#current-green")).to_have_text("绿色通道：残疾人（自行申报）")
    expect(page.locator("#green-check")).to_be_visible()
    expect(page.locator("#start")).to_be_disabled()
    shot(page, "console-green-check-1440x900")
    page.click("#green-confirm")
    expect(page.locator("#green-check")).to_be_hidden()
    assert api(f"/api/v1/tickets/{green['id']}")["greenChannelCheck"] == "confirmed"
    expect(page.locator("#open-case")).to_be_visible()
    expect(page.locator("#start")).to_be_enabled()
    assert enabled()["finish-and-call"] is False and enabled()["call-next"] is False
    page.keyboard.press("s")
    expect(page.locator("#finish-and-call")).to_be_enabled()
    assert enabled()["start"] is False and enabled()["recall"] is False

    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.keyboard.press("f")
    expect(page.locator("#current-ticket")).to_have_text(seal[0]["number"])
    assert posts == [f"{BASE}/api/v1/tickets/{green['id']}/finish-and-call-next"], posts
    assert api(f"/api/v1/tickets/{green['id']}")["status"] == "finished"
    shot(page, "console-1440x900")

    # Focus is visible when working with the keyboard.
    page.keyboard.press("Tab")
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert ring[0] != "none" and float(ring[1].rstrip("px")) >= 2, ring

    # Out of turn: the reason is asked in the page, never with prompt().
    page.keyboard.press("s")
    expect(page.locator("#finish")).to_be_enabled()
    page.keyboard.press("e")
    expect(page.locator("#current-ticket")).to_have_text("无")
    page.locator("#queue-list .q-call").first.click()
    form = page.locator("#out-of-turn-form")
    expect(form).to_be_visible()
    expect(page.locator("#out-of-turn-reason")).to_be_focused()
    form.locator("button[type=submit]").click()
    expect(form).to_be_visible()
    page.fill("#out-of-turn-reason", "预约群众，按约定时间办理")
    shot(page, "console-out-of-turn-1440x900")
    form.locator("button[type=submit]").click()
    expect(page.locator("#current-ticket")).to_have_text(seal[1]["number"])
    assert api(f"/api/v1/tickets/{seal[1]['id']}")["outOfOrder"] is True
    assert_contrast(page, "console")
    assert_words(page, "console")
    assert_labelled(page, "console")
    assert_clean(page, "console")


def decode_qr(locator, name):
    path = SHOTS / f"{name}.png"
    locator.screenshot(path=str(path))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, f"zbarimg could not read {path}: {out.stderr}"
    return out.stdout.strip()


def clipped_businesses(page):
    """The kiosk's business buttons whose words do not fit (they hide their overflow): a two-line name, the time
    limit and today's appointment places (今日预约余 N) must all show."""
    return page.evaluate("""() => [...document.querySelectorAll('.business')]
        .filter(b => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
        .map(b => `${b.dataset.business} ${b.scrollWidth}x${b.scrollHeight} in ${b.clientWidth}x${b.clientHeight}`)""")


def test_kiosk_business_buttons_hold_their_words(server, browser):
    """At the kiosk's real size, in Chinese and in English, with today's appointment places on the buttons."""
    for lang in ("zh", "en"):
        page = strict_page(browser, 1080, 1920, has_touch=True)
        page.goto(f"{BASE}/kiosk?lang={lang}")
        assert_no_scroll(page, f"kiosk ({lang})")
        clipped = clipped_businesses(page)
        assert not clipped, f"kiosk buttons clip their words ({lang}): {clipped}"
        if lang == "en":
            shot(page, "kiosk-en-1080x1920")
        page.context.close()


def test_kiosk_portrait_touch(server, browser):
    page = strict_page(browser, 1080, 1920, timezone_id="America/New_York", has_touch=True)
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed++; };")
    page.clock.install()
    page.goto(BASE + "/kiosk")
    assert_no_scroll(page, "kiosk")
    small = targets_smaller_than(page, 12)
    assert not small, f"touch targets under 12 mm: {small}"
    # The screen is used to its foot: the business grid reaches down near the links and footer.
    bottom = page.evaluate("() => document.querySelector('.business-grid').getBoundingClientRect().bottom / innerHeight")
    assert bottom > 0.8, f"the businesses end at {bottom:.0%} of the screen"
    toggles = page.locator("button[data-green]")
    first_green = toggles.first.bounding_box()["y"]
    assert first_green < page.locator("button[data-business]").first.bounding_box()["y"], "green channel comes first"
    assert_contrast(page, "kiosk")
    assert_words(page, "kiosk")
    assert_labelled(page, "kiosk")
    shot(page, "kiosk-1080x1920")

    # Waiting counts follow the hall's named events, without reloading.
    page.evaluate("window.__same = true")
    count = page.locator('[data-waiting="residence-permit"]')
    before = int(count.inner_text())
    api("/api/v1/tickets", "POST", {"business": "residence-permit"})
    expect(count).to_have_text(str(before + 1), timeout=LIVE)
    assert page.evaluate("window.__same") is True

    page.click('button[data-green="elderly"]')
    expect(page.locator('button[data-green="elderly"]')).to_have_attribute("aria-checked", "true")
    page.click('button[data-business="residence-permit"]')
    expect(page.locator("#ticket")).to_be_visible()
    page.wait_for_function("() => window.__printed === 1", timeout=LIVE)
    expect(page.locator("#ticket-green")).to_have_text("绿色通道：70岁以上老人")
    expect(page.locator("#ticket-ahead")).to_have_text(re.compile(r"^前面还有 \d+ 人$"))
    expect(page.locator("#ticket-qr")).to_have_js_property("complete", True)
    url = decode_qr(page.locator("#ticket-qr"), "kiosk-ticket-qr")
    match = re.fullmatch(re.escape(BASE) + r"/tickets/([0-9a-f-]{36})", url)
    assert match, f"the QR code reads {url!r}"
    ticket = api(f"/api/v1/tickets/{match.group(1)}")
    assert ticket["number"] == page.locator("#ticket-number").inner_text() and ticket["greenChannel"] == "elderly"
    issued = datetime.datetime.fromisoformat(ticket["issuedAt"].replace("Z", "+00:00"))
    hall_time = issued.astimezone(HALL_ZONE).strftime("%H:%M")
    new_york = issued.astimezone(zoneinfo.ZoneInfo("America/New_York")).strftime("%H:%M")
    shown = page.locator("#ticket-time").inner_text()
    assert hall_time in shown and new_york not in shown, f"ticket time {shown!r}, hall time {hall_time}"
    assert "/tickets/" not in page.locator("#ticket").inner_text(), "no raw link on the ticket"
    shot(page, "kiosk-ticket-1080x1920")

    # The slip as the thermal printer gets it: 80 mm wide, one page.
    PDFS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    pdf = PDFS / "ticket-slip.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert abs(float(size.group(1)) - 80 * 72 / 25.4) < 1, f"slip width {size.group(1)} pt"
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(PDFS / "ticket-slip")], check=True)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ticket["number"] in text and "12389" in text and "绿色通道" in text

    # Idle: the slip closes and the choice resets for the next citizen.
    page.clock.fast_forward(21_000)
    expect(page.locator("#ticket")).to_be_hidden()
    expect(page.locator('button[data-green=""]')).to_have_attribute("aria-checked", "true")
    assert_clean(page, "kiosk")


def test_ticket_page_updates_in_place(server, browser):
    officer = seat("010234", 4)
    ahead = api("/api/v1/tickets", "POST", {"business": "passport"})
    mine = api("/api/v1/tickets", "POST", {"business": "passport"})
    page = strict_page(browser, 390, 844)
    navigations = []
    page.goto(f"{BASE}/tickets/{mine['id']}")
    page.on("framenavigated", lambda f: navigations.append(f.url))
    expect(page.locator("#ticket-ahead")).to_have_text("前面还有 1 人")
    for _ in range(3):
        api("/api/v1/tickets", "POST", {"business": "passport"})
        api("/api/v1/tickets", "POST", {"business": "driving-licence"})
    api("/api/v1/windows/4/call-next", "POST", token=officer)
    expect(page.locator("#ticket-ahead")).to_have_text("前面还有 0 人", timeout=LIVE)
    api(f"/api/v1/tickets/{ahead['id']}/start", "POST", token=officer)
    api(f"/api/v1/tickets/{ahead['id']}/finish", "POST", token=officer)
    api("/api/v1/windows/4/call-next", "POST", token=officer)
    expect(page.locator("#called-banner")).to_have_text("请到4号窗口", timeout=LIVE)
    expect(page.locator("#waiting-info")).to_be_hidden()
    assert navigations == [], f"the ticket page navigated: {navigations}"
    assert_no_scroll(page, "called ticket page", horizontal_only=True)
    assert_contrast(page, "ticket page")
    assert_words(page, "ticket page")
    shot(page, "ticket-called-390x844", full_page=True)
    assert_clean(page, "ticket page")


PHONE_PAGES = [
    ("home", "/"), ("catalog", "/guides"), ("guide-toxic-chemical-permit", "/guides/toxic-chemical-permit"),
    ("guide-temporary-id-card", "/guides/temporary-id-card"), ("status", "/status"), ("ticket", "/tickets/{ticket}"),
    ("login", "/console/login"),
    # Pages other issues added since: the same rules hold on each (issue 11, "Everywhere" and "phone pages").
    ("appointment-new", "/appointments/new?business=temporary-id-card"), ("appointment-manage", "/appointments/manage"),
    ("complaint-new", "/complaints/new"), ("complaint-follow", "/complaints/follow"), ("results", "/results"),
    ("home-en", "/?lang=en"), ("catalog-en", "/guides?lang=en"), ("guide-temporary-id-card-en", "/guides/temporary-id-card"),
    ("appointment-new-en", "/appointments/new?business=temporary-id-card"), ("complaint-new-en", "/complaints/new"),
]


def test_citizen_pages_on_phones(server, browser):
    ticket = api("/api/v1/tickets", "POST", {"business": "temporary-id-card"})
    for width, height in ((390, 844), (360, 640)):
        page = strict_page(browser, width, height)
        for name, path in PHONE_PAGES:
            page.goto(BASE + path.format(ticket=ticket["id"]))
            assert_citizen_page(page, f"{path} at {width} px")
            shot(page, f"phone-{name}-{width}x{height}", full_page=True)
        if width == 390:
            page.goto(BASE + "/tickets/" + ticket["id"] + "?lang=zh")
            expect(page.locator("#ticket-ahead")).to_have_text(re.compile(r"^前面还有 \d+ 人$"))
        assert_clean(page, f"phone pages at {width} px")


def test_start_admin_and_error_pages(server, browser):
    page = strict_page(browser, 1280, 800)
    page.goto(BASE + "/")
    for href in ("/guides", "/status", "/kiosk", "/display", "/console", "/deadlines"):
        expect(page.locator(f'a[href="{href}"]')).to_have_count(1)
    assert page.title().startswith("办事大厅"), page.title()
    assert_contrast(page, "start page")
    assert_words(page, "start page")
    shot(page, "home-1280x800", full_page=True)
    page.goto(BASE + "/no-such-page")
    expect(page.locator(".error-page h1")).to_have_text("没有找到您要的页面或记录")
    expect(page.locator('.error-links a[href="/"]')).to_have_count(1)
    assert_contrast(page, "error page")
    assert_words(page, "error page")
    shot(page, "error-404-1280x800")
    page.problems.clear()  # the 404 itself is logged by the browser; nothing else may be
    sign_in_console(page, "019900")
    expect(page).to_have_url(f"{BASE}/admin")
    for href in ("/admin/guides", "/admin/officers", "/admin/calendar"):
        expect(page.locator(f'.admin-menu a[href="{href}"]')).to_have_count(1)
    assert_contrast(page, "admin menu")
    assert_words(page, "admin menu")
    shot(page, "admin-menu-1280x800", full_page=True)
    page.goto(BASE + "/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_contrast(page, "start page (English)")
    assert_words(page, "start page (English)")
    shot(page, "home-en-1280x800", full_page=True)
    assert_clean(page, "start, admin and error pages")


TOUCH_PAGES = [
    ("kiosk-check-in", "/kiosk/check-in", 1080, 1920), ("rating-pad-pairing", "/windows/1/rate", 1280, 800),
]


def test_touch_screens_other_features(server, browser):
    """The touch screens other issues added (the kiosk's appointment check-in, the rating pad before it is paired)
    keep the kiosk's rules: the screen fits, every target ≥ 12 mm, AA contrast, labelled inputs, the wording rules."""
    for name, path, width, height in TOUCH_PAGES:
        page = strict_page(browser, width, height, has_touch=True)
        page.goto(BASE + path)
        what = f"{path} at {width}×{height}"
        assert_no_scroll(page, what)
        small = targets_smaller_than(page, 12)
        assert not small, f"{what}: touch targets under 12 mm: {small}"
        assert_contrast(page, what)
        assert_labelled(page, what)
        assert_words(page, what)
        shot(page, f"{name}-{width}x{height}")
        assert_clean(page, what)
