"""Service guides (办事指南) and 四公开 in a real browser (Debian's Chromium through Playwright).

The `server` and `browser` fixtures are in conftest.py (a fresh demo hall for this module). Screenshots go to
artifacts/screenshots/; the guide PDFs Chromium prints, with their pdftotext text, to artifacts/pdf/.
Run: python3 -m pytest -q Tests/browser
"""
import json
import re
import struct
import subprocess
import time
import urllib.error
import urllib.request
import warnings
import zlib

from playwright.sync_api import expect

from conftest import ARTIFACTS, BASE, PASSWORD, totp
from screens import assert_document_text

SHOTS = ARTIFACTS / "screenshots"
PDFS = ARTIFACTS / "pdf"
ADMIN = "019900"
OFFICER = "010231"  # 王建国; any demo officer who may sign in to window 1
HALL_NAME = "东湖市公安局政务服务大厅"
NATIONAL_PHONE = "12389"
LOCAL_PHONE = "0551-66668888"
# The item whose printed guide must fit on one A4 sheet (the issue: "one page for a typical item"). 临时居民身份证申领
# is an everyday counter item with a complete guide (four materials, four steps, three legal bases). The guides of
# 剧毒化学品购买许可证核发 and 公章刻制备案 are printed too and their page counts reported (a warning when longer).
TYPICAL = "temporary-id-card"
REPORTED = ("toxic-chemical-permit", "seal-filing")


def api(path, method="GET", body=None, token=None):
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            raw = r.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raise AssertionError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')[:300]}") from None


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 800}).new_page()


def compact(text):
    """Text without any whitespace: pdftotext breaks table cells and long lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def png(width, height, pixel):
    """A truecolour PNG; pixel(x, y) gives (r, g, b)."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def id_photo(x, y):
    """60×80: a pale blue background, a face and a dark blue uniform, so the photo is recognisable on screenshots."""
    if (x - 30) ** 2 + (y - 30) ** 2 <= 13 ** 2:
        return (236, 200, 170)  # face
    if y >= 52 and abs(x - 30) <= 8 + (y - 52):
        return (31, 58, 104)  # uniform
    return (214, 228, 242)


def sign_in_console(page, badge):
    """The sign-in form; accounts asked for a second factor get the current TOTP code (a code already used is refused,
    so on a refusal the next 30-second step is awaited once)."""
    for attempt in range(2):
        page.goto(f"{BASE}/console/login")
        page.fill("input[name=badge]", badge)
        page.fill("input[name=password]", PASSWORD)
        if page.locator("input[name=code]").count():
            page.fill("input[name=code]", totp())
        page.click("button[type=submit]")
        if "/console/login" not in page.url or attempt == 1 or not page.locator("input[name=code]").count():
            break
        time.sleep(30 - time.time() % 30 + 0.5)
    expect(page).not_to_have_url(re.compile(r"/console/login"))


def print_pdf(page, url, name):
    """Opens url, prints it to A4 with print media, and returns (page count, text) from poppler."""
    PDFS.mkdir(parents=True, exist_ok=True)
    page.goto(BASE + url)
    page.emulate_media(media="print")
    path = PDFS / f"{name}.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), str(PDFS / f"{name}.txt")], check=True)
    text = (PDFS / f"{name}.txt").read_text(encoding="utf-8")
    # Each page as an image too (artifacts/pdf/<name>-1.png, -2.png…), to look at without a PDF viewer.
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(path), str(PDFS / name)], check=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert_document_text(text, f"{name}.pdf")  # every printed document, whichever feature prints it (issue 11)
    return pages, text


def test_catalog_search_and_on_the_spot_filter(server, browser):
    catalog = api("/api/v1/catalog")["businesses"]
    immediate = {b["name"] for b in catalog if b["kind"] == "immediate"}
    promised = {b["name"] for b in catalog if b["kind"] == "promised"}
    assert "公章刻制备案" in immediate and "普通护照签发" in promised, "the demo catalog changed; update this test"

    page = new_page(browser)
    page.goto(f"{BASE}/guides")
    items = page.locator("li.guide-item")
    expect(items).to_have_count(len(catalog))

    page.fill("input[name=q]", "身份证")
    page.click(".search button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(page.locator('li.guide-item[data-code="id-card"]')).to_contain_text("居民身份证")
    names = items.locator("b").all_inner_texts()
    assert names and all("身份证" in n for n in names), f"searching 身份证 found {names}"
    expect(page.locator("#result-count")).to_have_text(str(len(names)))

    # On the spot only, over the whole catalog.
    page.fill("input[name=q]", "")
    page.check("input[name=immediate]")
    page.click(".search button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]immediate=1"))
    expect(page.locator("input[name=immediate]")).to_be_checked()
    expect(items).to_have_count(len(immediate))
    assert set(items.locator("b").all_inner_texts()) == immediate
    expect(page.locator('li.guide-item[data-code="seal-filing"]')).to_contain_text("公章刻制备案")
    expect(page.locator("li.guide-item", has_text="普通护照")).to_have_count(0)
    expect(items.locator(".tag.kind-promised")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "guides-catalog.png"), full_page=True)
    page.context.close()


def test_guide_page_and_print_version_as_pdf(server, browser):
    code = "toxic-chemical-permit"
    guides = {c: api(f"/api/v1/businesses/{c}/guide") for c in (code, TYPICAL, *REPORTED)}
    assert all(g["version"] == 1 for g in guides.values())
    assert any("营业执照" in m["name"] for m in guides[code]["guide"]["materials"])

    page = new_page(browser)
    page.goto(f"{BASE}/guides/{code}")
    expect(page.locator("h1.guide-title")).to_have_text(guides[code]["guide"]["name"])
    expect(page.locator("tr.material")).to_have_count(len(guides[code]["guide"]["materials"]))
    expect(page.locator(".guide-version")).to_contain_text("版本 1")
    page.screenshot(path=str(SHOTS / "guide.png"), full_page=True)

    counts = {}
    prints = [(code, f"/guides/{code}", code)]
    prints += [(c, f"/guides/{c}/print", f"{c}-print") for c in dict.fromkeys((code, *REPORTED, TYPICAL))]
    for c, url, name in prints:
        pages, text = print_pdf(page, url, name)
        counts[name] = pages
        flat = compact(text)
        for needle in (HALL_NAME, NATIONAL_PHONE, LOCAL_PHONE, guides[c]["guide"]["name"]):
            assert needle in flat, f"{name}.pdf text lacks {needle!r} (see artifacts/pdf/{name}.txt)"
        assert re.search(r"版本1(?!\d)", flat), f"{name}.pdf text lacks the version mark 版本 1"
        if name.endswith("-print"):
            # Every page numbered, and every page headed with the guide's name (the print frame's repeated header).
            for number in range(1, pages + 1):
                assert f"第{number}页/共{pages}页" in flat, f"{name}.pdf page {number} has no page number"
            head = compact(f"{HALL_NAME} · 办事指南 · {guides[c]['guide']['name']} · 版本 1")
            assert flat.count(head) == pages, f"{name}.pdf: running header on {flat.count(head)} of {pages} pages"
        missing = [m["name"] for m in guides[c]["guide"]["materials"] if compact(m["name"]) not in flat]
        assert not missing, f"{name}.pdf text lacks materials {missing}"
        # The print version is a document, not a web page: no navigation, no version history, no footer links.
        if name.endswith("-print"):
            for screen_only in ("历史版本", "打印 (A4)", "English"):
                assert screen_only not in text, f"{name}.pdf carries the on-screen {screen_only!r}"
    for name in (code, f"{code}-print"):
        assert "营业执照" in compact((PDFS / f"{name}.txt").read_text(encoding="utf-8"))
    (PDFS / "page-counts.json").write_text(json.dumps(counts, indent=2) + "\n")
    longer = {name: n for name, n in counts.items() if name.endswith("-print") and n > 1}
    if longer:
        warnings.warn(f"printed guides longer than one A4 page: {longer} (artifacts/pdf/page-counts.json)")
    assert counts[f"{TYPICAL}-print"] == 1, f"the printed guide of a typical item ({TYPICAL}) is not one A4 page: {counts}"
    page.context.close()


def test_officer_photo_on_display_and_limits_on_kiosk(server, browser):
    admin = new_page(browser)
    sign_in_console(admin, ADMIN)
    admin.goto(f"{BASE}/admin/officers")
    card = admin.locator(f'article.public-card[data-badge="{OFFICER}"]')
    expect(card.locator(".photo.placeholder")).to_have_count(1)
    photo = png(60, 80, id_photo)
    card.locator("input[type=file]").set_input_files(files=[{"name": f"{OFFICER}.png", "mimeType": "image/png", "buffer": photo}])
    # admin.js PUTs the file to /api/v1/officers/{badge}/photo and reloads the page on 204.
    expect(card.locator("img.photo")).to_have_attribute("src", f"/api/v1/officers/{OFFICER}/photo")
    admin.wait_for_function(f'document.querySelector(\'[data-badge="{OFFICER}"] img.photo\').naturalWidth === 60')
    admin.screenshot(path=str(SHOTS / "admin-officers.png"), full_page=True)
    admin.context.close()

    token = api("/api/v1/auth/token", "POST", {"badge": OFFICER, "password": PASSWORD})["token"]
    window = api("/api/v1/windows/1/sign-in", "POST", token=token)
    assert window["officer"]["badge"] == OFFICER, f"window 1 after sign-in: {window}"
    assert window["officer"]["photo"] == f"/api/v1/officers/{OFFICER}/photo"

    catalog = api("/api/v1/catalog")["businesses"]
    display = new_page(browser)
    display.goto(f"{BASE}/display")
    card = display.locator('.window-card[data-window="1"]')
    expect(card.locator("img.photo")).to_have_attribute("src", f"/api/v1/officers/{OFFICER}/photo")
    display.wait_for_function('document.querySelector(\'.window-card[data-window="1"] img.photo\').naturalWidth === 60')
    expect(card.locator(".officer")).to_contain_text(OFFICER)
    expect(display.locator("aside")).to_contain_text("办理时限")
    expect(display.locator(".limits-list li")).to_have_count(len(catalog))
    for b in catalog:
        expected = "当场办结" if b["kind"] == "immediate" else f"承诺{b['promisedWorkingDays']}个工作日"
        expect(display.locator(".limits-list li", has_text=b["name"])).to_contain_text(expected)
    expect(display.locator("footer")).to_contain_text(NATIONAL_PHONE)
    expect(display.locator("footer")).to_contain_text(LOCAL_PHONE)
    display.screenshot(path=str(SHOTS / "display-officer-photo.png"), full_page=True)
    display.context.close()

    kiosk = new_page(browser)
    kiosk.goto(f"{BASE}/kiosk")
    for b in catalog:
        expected = "当场办结" if b["kind"] == "immediate" else f"承诺{b['promisedWorkingDays']}个工作日"
        expect(kiosk.locator(f'button[data-business="{b["code"]}"] .limit')).to_contain_text(expected)
    kiosk.screenshot(path=str(SHOTS / "kiosk-limits.png"), full_page=True)
    kiosk.context.close()

    # The officer's console shows the same public card.
    console = new_page(browser)
    sign_in_console(console, OFFICER)
    public = console.locator(".public-card")
    expect(public.locator("img.photo")).to_have_attribute("src", f"/api/v1/officers/{OFFICER}/photo")
    expect(public).to_contain_text(OFFICER)
    expect(public).to_contain_text(LOCAL_PHONE)
    console.screenshot(path=str(SHOTS / "console-card.png"), full_page=True)
    console.context.close()


def test_admin_edit_rejected_then_published_as_version_2(server, browser):
    code = "seal-filing"
    old_hours = api(f"/api/v1/businesses/{code}/guide")["guide"]["officeHours"]
    new_hours = "周一至周六 上午8:30—12:00，下午13:30—18:00（法定节假日除外）"
    page = new_page(browser)
    sign_in_console(page, ADMIN)
    page.goto(f"{BASE}/admin/guides/{code}")
    editor = page.locator("textarea[name=yaml]")
    original = editor.input_value()
    lines = original.split("\n")
    promised = [i for i, line in enumerate(lines) if line.strip() == "promisedWorkingDays: 0"]
    assert len(promised) == 1, f"expected one 'promisedWorkingDays: 0' line in the editor, found {len(promised)}"
    line_number = promised[0] + 1
    broken = lines.copy()
    broken[promised[0]] = broken[promised[0]].replace("promisedWorkingDays: 0", "promisedWorkingDays: 5")

    editor.fill("\n".join(broken))
    page.fill("input[name=note]", "承诺时限改为5个工作日")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/admin/guides/{code}")) as answer:
        page.click("form button[type=submit]")
    assert answer.value.status == 422, f"publishing a broken guide answered {answer.value.status}"
    problems = page.locator("#problems")
    expect(problems).to_be_visible()
    expect(problems).to_contain_text(f"第{line_number}行")
    expect(problems).to_contain_text("promisedWorkingDays")
    expect(page.locator("#published")).to_have_count(0)
    # The rejected text stays in the editor for fixing.
    assert "promisedWorkingDays: 5" in page.locator("textarea[name=yaml]").input_value()
    page.screenshot(path=str(SHOTS / "admin-guide-rejected.png"), full_page=True)
    assert api(f"/api/v1/businesses/{code}/guide")["version"] == 1, "a rejected edit was published"

    hours = [i for i, line in enumerate(lines) if line.startswith("officeHours:")]
    assert len(hours) == 1, "expected one officeHours line in the editor"
    fixed = lines.copy()
    fixed[hours[0]] = f'officeHours: "{new_hours}"'
    page.locator("textarea[name=yaml]").fill("\n".join(fixed))
    page.fill("input[name=note]", "周六增加办公时间")
    page.click("form button[type=submit]")
    expect(page.locator("#published")).to_have_text(re.compile(r"已发布新版本\s*2"))
    expect(page.locator("#problems")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "admin-guide-published.png"), full_page=True)

    page.goto(f"{BASE}/guides/{code}/v/1")
    facts = page.locator("table.facts")
    expect(facts).to_contain_text(old_hours)
    expect(facts).not_to_contain_text(new_hours)
    expect(page.locator(".superseded")).to_be_visible()
    expect(page.locator(".guide-version")).to_contain_text("版本 1")

    page.goto(f"{BASE}/guides/{code}")
    expect(facts).to_contain_text(new_hours)
    expect(facts).not_to_contain_text(old_hours)
    expect(page.locator(".superseded")).to_have_count(0)
    expect(page.locator(".guide-version")).to_contain_text("版本 2")
    expect(page.locator("section.versions li")).to_have_count(2)
    expect(page.locator("section.versions")).to_contain_text("周六增加办公时间")
    page.screenshot(path=str(SHOTS / "guide-v2.png"), full_page=True)
    page.context.close()
