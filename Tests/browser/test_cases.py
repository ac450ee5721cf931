"""One case walked in a real browser (Debian's Chromium through Playwright): the ticket called at window 1, the intake
form, a 一次性告知书, the supplement and 受理通知书, the approval steps (the duty leader's 签发) and the 准予行政许可决定书,
then the citizen's status page. Each document is printed to A4 PDF and its text (pdftotext) checked: title, number,
date, issuing unit, officer and 警号, both supervision phones, the query code, and the applicant's ID and phone masked.
PDFs and their text go to artifacts/pdf/case-*.pdf|txt; screenshots to artifacts/screenshots/.
"""
import re
import subprocess

from playwright.sync_api import expect

from screens import assert_contrast

from conftest import BASE
from test_guides import ARTIFACTS, HALL_NAME, LOCAL_PHONE, NATIONAL_PHONE, PDFS, api, compact, print_pdf, sign_in_console

SHOTS = ARTIFACTS / "screenshots"
OFFICER = "010231"  # 王建国, window 1 (household registration: 居住证)
LEADER = "010100"  # 赵国强, duty leader
REVIEWER = "010234"  # 刘洋, who reviews (审核) the case another officer accepted
ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"


def context_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def documents(page):
    """(title, print URL) of every document listed on the case page, in issue order."""
    links = page.locator("ul.documents a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def check_document(page, url, name, title, officer_name, badge, code):
    pages, text = print_pdf(page, url, name)
    flat = compact(text)
    assert pages == 1, f"{name}.pdf has {pages} pages"
    for needle in (title, HALL_NAME, NATIONAL_PHONE, LOCAL_PHONE, code, "110***********002X", "138****5678", officer_name,
                   f"警号：{badge}", "DHGA-2026-"):
        assert compact(needle) in flat, f"{name}.pdf text lacks {needle!r} (see artifacts/pdf/{name}.txt)"
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", flat), f"{name}.pdf has no date"
    assert ID_NUMBER not in flat and PHONE not in flat, f"{name}.pdf shows a full ID number or phone"
    assert "打印副本" not in text, "screen-only tools are not printed"
    # GB/T 9704: a 文号 over the sequence, 年月日 dates, “” quotes, the seal area and the applicant's 签收 line.
    assert re.search(r"东公（窗）[\u4e00-\u9fff]{1,2}字〔2026〕[1-9]\d*号", flat), f"{name}.pdf has no 文号"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", flat), f"{name}.pdf has an ISO date"
    assert "「" not in flat and "」" not in flat and "（印章）" not in flat
    assert "印章处" in flat and "签收" in flat and "签收日期" in flat
    status_url = f"{BASE}/status?code={code}"
    assert compact(status_url) in flat, f"{name}.pdf lacks the status URL"
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(PDFS / f"{name}.pdf"), str(PDFS / f"{name}-hires")], check=True)
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(PDFS / f"{name}-hires.png")], capture_output=True, text=True)
    assert read.stdout.strip() == status_url, f"{name}.pdf QR reads {read.stdout!r}"
    (PDFS / f"{name}-hires.png").unlink()
    return flat


def test_case_from_ticket_to_notice_acceptance_and_approval(server, browser):
    officer = context_page(browser)
    sign_in_console(officer, OFFICER)
    officer.click('button.choice[data-window="1"]')
    expect(officer.locator("#call-next")).to_be_visible()
    ticket = api("/api/v1/tickets", "POST", {"business": "residence-permit"})
    officer.click("#call-next")
    expect(officer.locator("#current-ticket")).to_have_text(ticket["number"])
    expect(officer.locator("#open-case")).to_be_visible()
    officer.click("#open-case")

    # Intake form for the called ticket.
    expect(officer.locator("#case-new")).to_be_visible()
    officer.fill("input[name=name]", "张三")
    officer.fill("input[name=idNumber]", "11010519491231002x")
    officer.fill("input[name=phone]", PHONE)
    officer.click("#case-new button[type=submit]")
    expect(officer).to_have_url(re.compile(r"/cases/[0-9a-f-]{36}$"))
    code = officer.locator("td.query-code").first.inner_text().strip()
    assert re.fullmatch(r"[23456789A-HJKMNP-Z]{12}", code), code

    # Checklist: 居住地住址证明 missing → 一次性告知书.
    officer.select_option('tr[data-index="1"] .m-state', "missing")
    officer.click("#save-checklist")
    expect(officer.locator('tr[data-index="1"] td.state-missing')).to_be_visible()
    officer.click("#decide-intake")
    expect(officer.locator("#case-stage")).to_have_attribute("data-stage", "awaitingSupplement")
    officer.screenshot(path=str(SHOTS / "case-notice.png"), full_page=True)
    assert_contrast(officer, "case page")  # the header's console link was 1.17:1 once

    # The one-time rule on screen: asking for an unlisted item is refused.
    officer.fill("#request-item input[name=number]", "3")
    officer.click("#request-item button")
    expect(officer.locator("#case-message")).to_contain_text("不在一次性告知书内")

    # Supplement arrives: accepted from today.
    officer.check('#supplements input[name=item][value="1"]')
    officer.click("#receive")
    expect(officer.locator("#case-stage")).to_have_attribute("data-stage", "accepted")

    # Approval: 审核 by a second officer (never the one who accepted: four eyes), 签发 by the duty leader, who decides.
    reviewer = context_page(browser)
    sign_in_console(reviewer, REVIEWER)
    reviewer.goto(officer.url)
    reviewer.fill("#step input[name=opinion]", "材料属实，符合条件")
    reviewer.click("#step button")
    expect(reviewer.locator("#step")).to_have_attribute("data-position", "3")
    leader = context_page(browser)
    sign_in_console(leader, LEADER)
    leader.goto(officer.url)
    leader.fill("#step input[name=opinion]", "同意签发")
    leader.click("#step button")
    expect(leader.locator("#step")).to_have_attribute("data-position", "4")
    leader.click("#decision button")
    expect(leader.locator("#case-stage")).to_have_attribute("data-stage", "granted")
    leader.screenshot(path=str(SHOTS / "case-granted.png"), full_page=True)
    assert_contrast(leader, "granted case page")

    listed = documents(leader)
    assert [title for title, _ in listed] == ["一次性告知书", "受理通知书", "准予行政许可决定书"], listed
    signers = {"一次性告知书": ("王建国", OFFICER), "受理通知书": ("王建国", OFFICER), "准予行政许可决定书": ("赵国强", LEADER)}
    names = {"一次性告知书": "case-one-time-notice", "受理通知书": "case-acceptance", "准予行政许可决定书": "case-grant"}
    texts = {}
    for title, url in listed:
        name, badge = signers[title]
        texts[title] = check_document(leader, url, names[title], title, name, badge, code)
    assert "居住地住址证明" in texts["一次性告知书"] and "第三十二条" in texts["一次性告知书"]
    assert "承诺办结日期" in texts["受理通知书"]
    assert "准予行政许可" in texts["准予行政许可决定书"]

    # A reprint is marked 副本.
    leader.goto(BASE + listed[0][1] + "?copy=1")
    expect(leader.locator(".copy-mark")).to_contain_text("副本")

    # The citizen checks the status with the code and the last four digits; the documents' link fills the code in.
    citizen = context_page(browser)
    citizen.goto(BASE + "/status?code=" + code)
    expect(citizen.locator("input[name=code]")).to_have_value(code)
    citizen.fill("input[name=code]", code.lower())
    citizen.fill("input[name=phoneLast4]", PHONE[-4:])
    citizen.click("button[type=submit]")
    expect(citizen.locator(".status-result")).to_contain_text("准予许可")
    assert "张三" not in citizen.content()
    citizen.screenshot(path=str(SHOTS / "case-status.png"), full_page=True)
