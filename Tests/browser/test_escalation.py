"""Escalation to the duty leader (避免僵局) in a real browser.

An officer at window 1 calls the duty leader about a ticket from the escalation form the console links to; the
leader's console (/duty/escalations) shows it live, without a manual reload; the leader records the resolution; the
incident appears in the incident list (/incidents). The roster cannot plan a slot that has begun, so this module's
server gets the leader on duty now written straight into its database, as a roster planned earlier would have.
Screenshots: artifacts/screenshots/escalation-form-1440x900.png, escalation-leader-1440x900.png,
incidents-1440x900.png.
"""
import json
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS, PASSWORD, TOTP_SECRET, server_binary, totp

SHOTS = ARTIFACTS / "screenshots"
# A port of its own: this module starts its own server (with a database it can write the roster into).
PORT = 18114
BASE = f"http://127.0.0.1:{PORT}"


def _healthy():
    try:
        with urllib.request.urlopen(BASE + "/healthz", timeout=10) as r:
            return json.load(r) == {"status": "ok"}
    except (OSError, ValueError):
        return False
OFFICER = "010231"  # 王建国
LEADER = "010100"  # 赵国强


@pytest.fixture(scope="module")
def hall():
    tmp = tempfile.mkdtemp(prefix="chuangkou-escalation-")
    database = os.path.join(tmp, "x.sqlite")
    log_path = os.path.join(tmp, "server.log")
    cmd = [server_binary(), "serve", "--host", "127.0.0.1", "--port", str(PORT), "--database", database, "--demo-password", PASSWORD]
    env = dict(os.environ, CHUANGKOU_DEMO_TOTP_SECRET=TOTP_SECRET)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.time() + 60
        assert not _healthy(), f"port {PORT} is already in use"
        while not _healthy():
            assert proc.poll() is None, pathlib.Path(log_path).read_text(errors="replace")[-3000:]
            assert time.time() < deadline, "the server did not come up"
            time.sleep(0.3)
        now = int(time.time() * 1000)
        with sqlite3.connect(database, timeout=10) as db:
            db.execute(
                "INSERT INTO duty_shifts (day, half, starts_at, ends_at, leader_badge, leader_phone, planned_by, planned_at) "
                "VALUES ('2000-01-01', 'morning', ?, ?, ?, '0551-66668800', '019900', ?)",
                (now - 3_600_000, now + 3_600_000, LEADER, now - 7_200_000),
            )
        yield BASE
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def signed_in(browser, badge):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    for attempt in range(2):
        page.goto(f"{BASE}/console/login")
        page.fill("input[name=badge]", badge)
        page.fill("input[name=password]", PASSWORD)
        if page.locator("input[name=code]").count():
            page.fill("input[name=code]", totp())
        page.click("button[type=submit]")
        if "/console/login" not in page.url or attempt == 1:
            break
        time.sleep(30 - time.time() % 30 + 0.5)  # a TOTP code is accepted once: wait for the next step
    return page


def test_officer_escalates_and_the_leader_resolves_live(hall, browser):
    request = urllib.request.Request(hall + "/api/v1/tickets", data=json.dumps({"business": "passport"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as r:
        ticket = json.load(r)

    leader = signed_in(browser, LEADER)
    leader.goto(f"{hall}/duty/escalations")
    expect(leader.locator("#escalations-none")).to_be_visible()

    officer = signed_in(browser, OFFICER)
    officer.goto(f"{hall}/escalate?window=1&ticket={ticket['id']}")
    officer.locator("input[name=kind][value=deadlock]").check()
    officer.fill("#asked", "要求今天就拿到护照")
    officer.fill("#answered", "护照制证需7个工作日，可申请加急")
    officer.fill("#ruleCited", "《中华人民共和国护照法》第六条")
    officer.screenshot(path=str(SHOTS / "escalation-form-1440x900.png"), full_page=True)
    officer.click("#to-leader")
    expect(officer.locator(".message.done")).to_contain_text("已请示值班领导")

    # Live: the leader's page picks it up by itself.
    card = leader.locator("article.escalation")
    expect(card).to_have_count(1, timeout=15_000)
    expect(card).to_contain_text("1号窗口")
    expect(card).to_contain_text("要求今天就拿到护照")
    leader.screenshot(path=str(SHOTS / "escalation-leader-1440x900.png"), full_page=True)
    card.locator("input[name=outcome]").fill("值班领导到窗口解释制证周期，办理加急，群众表示理解")
    card.locator("button[type=submit]").click()
    expect(leader.locator("article.escalation")).to_have_count(0)

    leader.goto(f"{hall}/incidents")
    row = leader.locator("table.incident-list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("僵局")
    expect(row).to_contain_text("办理加急")
    expect(leader.locator("table.incident-counts tbody tr")).to_contain_text("王建国")
    leader.screenshot(path=str(SHOTS / "incidents-1440x900.png"), full_page=True)


def test_written_explanation_prints_on_one_a4_page(hall, browser):
    officer = signed_in(browser, OFFICER)
    officer.goto(f"{hall}/explanation")
    officer.locator("#business").select_option("toxic-chemical-permit")
    officer.fill("#request", "个人申请购买剧毒化学品")
    officer.fill("#reason", "剧毒化学品购买许可证只向单位核发，个人不得购买")
    officer.locator("input[name=decision]").check()
    officer.click("#explanation-form button[type=submit]")
    expect(officer.locator("h1.document-title")).to_have_text("告知单")
    PDFS = ARTIFACTS / "pdf"
    PDFS.mkdir(parents=True, exist_ok=True)
    officer.emulate_media(media="print")
    path = PDFS / "explanation.pdf"
    officer.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), str(PDFS / "explanation.txt")], check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(path), str(PDFS / "explanation")], check=True)
    text = (PDFS / "explanation.txt").read_text(encoding="utf-8").replace("\n", "")  # lines wrap anywhere in Chinese
    assert "告知单" in text and "办事指南》第1版" in text and "行政复议" in text and "12389" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info, info


def console_at(browser, badge, window):
    page = signed_in(browser, badge)
    page.goto(f"{BASE}/console")
    page.click(f"button.choice[data-window='{window}']")
    expect(page.locator("body")).to_have_attribute("data-window", str(window))
    return page


def test_officer_hands_a_ticket_to_a_colleague_with_receipts_on_both_consoles(hall, browser):
    colleague = console_at(browser, "010232", 2)  # 李秀英
    officer = console_at(browser, OFFICER, 1)
    request = urllib.request.Request(hall + "/api/v1/tickets", data=json.dumps({"business": "id-card"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as r:
        ticket = json.load(r)
    officer.click("#call-next")
    expect(officer.locator("#current-ticket")).to_have_text(ticket["number"])

    officer.goto(f"{hall}/escalate?window=1&ticket={ticket['id']}&otherSexFirst=true")
    first = officer.locator(".handover-list .colleague").first
    expect(first).to_contain_text("李秀英")
    expect(first).to_contain_text("空闲")
    expect(first.locator("input")).to_be_checked()
    officer.fill("#asked", "群众要求换一位女民警办理")
    officer.fill("#answered", "已说明办理规定，同意请另一位民警接待")
    officer.screenshot(path=str(SHOTS / "handover-form-1440x900.png"), full_page=True)
    officer.click("#to-officer")
    expect(officer.locator("#handover-receipt")).to_contain_text("转交回执")
    expect(officer.locator("#handover-receipt")).to_contain_text("2号窗口李秀英")
    officer.screenshot(path=str(SHOTS / "handover-receipt-1440x900.png"), full_page=True)

    # Live on the colleague's console: the ticket is theirs now, with the receipt.
    expect(colleague.locator("#current-ticket")).to_have_text(ticket["number"], timeout=15_000)
    expect(colleague.locator("#handover-list li.incoming")).to_contain_text("王建国")
    colleague.screenshot(path=str(SHOTS / "handover-colleague-console-1440x900.png"), full_page=True)
    officer.goto(f"{hall}/console")
    expect(officer.locator("#handover-list li.outgoing")).to_contain_text("李秀英")
    expect(officer.locator("#current-ticket")).not_to_have_text(ticket["number"])


def test_admin_plans_the_roster_and_keeps_the_directory_of_bodies(hall, browser):
    import datetime
    import zoneinfo
    tomorrow = (datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")) + datetime.timedelta(days=1)).date().isoformat()
    admin = signed_in(browser, "019900")
    admin.set_viewport_size({"width": 1280, "height": 800})
    admin.goto(f"{hall}/admin")
    admin.click("a[href='/admin/duty']")
    admin.fill("#plan-day", tomorrow)
    admin.fill("#plan-phone", "0551-66668800")
    admin.fill("#plan-officers", "010231 0551-66668801\n010232")
    admin.click("#plan-form button[type=submit]")
    expect(admin.locator("#duty-error")).to_contain_text("第2行")
    expect(admin.locator("#plan-officers")).to_have_value("010231 0551-66668801\n010232")
    admin.screenshot(path=str(SHOTS / "admin-duty-refused-1280x800.png"), full_page=True)
    admin.fill("#plan-officers", "010231 0551-66668801\n010232 0551-66668802")
    admin.click("#plan-form button[type=submit]")
    expect(admin.locator(".message.done")).to_contain_text("已排班")
    row = admin.locator(f"tr[data-slot='{tomorrow}/morning']")
    expect(row).to_contain_text("赵国强")
    expect(row).to_contain_text("李秀英")
    admin.screenshot(path=str(SHOTS / "admin-duty-1280x800.png"), full_page=True)

    admin.goto(f"{hall}/admin/competent-bodies")
    admin.fill("#body-name", "东湖市市场监督管理局")
    admin.fill("#body-handles", "营业执照登记、食品经营许可")
    admin.fill("#body-address", "东湖市建设路20号")
    admin.fill("#body-phone", "12")
    admin.click("#body-form button[type=submit]")
    expect(admin.locator("#body-error")).to_be_visible()
    expect(admin.locator("#body-name")).to_have_value("东湖市市场监督管理局")
    admin.fill("#body-phone", "0551-12315")
    admin.click("#body-form button[type=submit]")
    expect(admin.locator(".message.done")).to_contain_text("已加入目录")
    expect(admin.locator("table.body-directory")).to_contain_text("东湖市市场监督管理局")
    admin.screenshot(path=str(SHOTS / "admin-competent-bodies-1280x800.png"), full_page=True)


def test_admin_rewords_the_suggested_wording_the_officers_see(hall, browser):
    admin = signed_in(browser, "019900")
    admin.set_viewport_size({"width": 1280, "height": 800})
    admin.goto(f"{hall}/admin")
    admin.click("a[href='/admin/refusal-wording']")
    admin.fill("#wording-chinese", "如有疑问请拨打13812345678")
    admin.click("#wording-form button.primary")
    expect(admin.locator("#wording-error")).to_contain_text("手机号")
    expect(admin.locator("#wording-chinese")).to_have_value("如有疑问请拨打13812345678")
    ours = "请您理解，这是规定所限；我们把依据写给您，符合条件时一次办好。"
    admin.fill("#wording-chinese", ours)
    admin.click("#wording-form button.primary")
    expect(admin.locator(".message.done")).to_contain_text("已保存")
    admin.screenshot(path=str(SHOTS / "admin-refusal-wording-1280x800.png"), full_page=True)
    officer = signed_in(browser, OFFICER)
    officer.goto(f"{hall}/explanation")
    expect(officer.locator(".phrasing")).to_have_text("建议用语：" + ours)
    admin.click("#wording-form button[name=reset]")
    expect(admin.locator("#wording-chinese")).to_have_value(re.compile("您说得有道理"))
