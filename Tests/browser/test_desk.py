"""The information desk (咨询台) and first-inquiry responsibility (首问负责) in a real browser.

An officer records an inquiry from the desk opened for window 1 in a few taps, closes it with a one-time notice and
prints that notice (A4, from the pinned guide version); a second inquiry is handed to a colleague, who accepts it on
their own desk. Screenshots: artifacts/screenshots/desk-1440x900.png, desk-handover-1440x900.png; the notice as
artifacts/pdf/inquiry-notice.pdf (+ .txt, -1.png).
"""
from playwright.sync_api import expect

from conftest import ARTIFACTS
from test_guides import print_pdf, sign_in_console

SHOTS = ARTIFACTS / "screenshots"
FIRST = "010231"  # 王建国
COLLEAGUE = "010232"  # 李秀英


def desk_page(browser, badge):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    sign_in_console(page, badge)
    return page


def test_desk_records_closes_with_a_notice_and_hands_over(server, browser):
    page = desk_page(browser, FIRST)
    page.goto(f"{server}/desk?window=1")
    expect(page.locator("h1")).to_have_text("登记咨询")
    page.locator("input[name=business][value=residence-permit]").check()
    page.fill("#question", "办居住证要带什么材料？")
    page.locator("input[name=outcome][value=notice]").check()
    page.click("#inquiry-record button[type=submit]")
    expect(page.locator(".message.done")).to_contain_text("已登记")
    link = page.locator("a[href$='/notice']").first
    notice_url = link.get_attribute("href")

    # A second one, kept open and handed over.
    page.locator("input[name=business][value='']").check()
    page.fill("#topic", "户口迁移")
    page.fill("#question", "户口从外省迁入要怎么办？")
    page.locator("input[name=outcome][value=open]").check()
    page.click("#inquiry-record button[type=submit]")
    owned = page.locator("section.owned article.inquiry")
    expect(owned).to_have_count(1)
    page.screenshot(path=str(SHOTS / "desk-1440x900.png"), full_page=True)
    owned.locator("summary").click()
    owned.locator("select[name=to]").select_option(COLLEAGUE)
    owned.locator("input[name=note]").fill("户籍业务，请接待")
    owned.locator("form[action$='/handover'] button").click()
    expect(page.locator(".message.done")).to_contain_text("待同事签收")
    expect(page.locator("section.owned article.inquiry")).to_have_count(1)  # still the first officer's

    colleague = desk_page(browser, COLLEAGUE)
    colleague.goto(f"{server}/desk")
    waiting = colleague.locator("section.waiting article.inquiry")
    expect(waiting).to_have_count(1)
    colleague.screenshot(path=str(SHOTS / "desk-handover-1440x900.png"), full_page=True)
    waiting.locator("form[action$='/accept'] button").click()
    expect(colleague.locator(".message.done")).to_contain_text("已签收")
    expect(colleague.locator("section.owned article.inquiry")).to_have_count(1)

    pages, text = print_pdf(page, notice_url, "inquiry-notice")
    assert pages == 1, f"the notice runs to {pages} pages"
    assert "一次性告知单" in text and "办事指南》第1版" in text and "12389" in text
