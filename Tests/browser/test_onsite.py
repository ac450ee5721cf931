"""On-site service (现场办公): a citizen asks from a phone, the duty leader plans the visit for two officers, and a team
member prints the day's route list as an A4 PDF (artifacts/pdf/onsite-route-list.pdf and its PNG)."""
import datetime

from conftest import BASE, PASSWORD
from test_guides import api, print_pdf, sign_in_console

LEADER = "010100"
TEAM = ["010231", "010232"]


def next_weekday(after, days=2):
    day = after + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_request_plan_and_print_the_route_list(server, browser):
    day = next_weekday(datetime.date.today()).isoformat()
    filed = api("/api/v1/onsite", "POST", {
        "applicant": "张桂兰（卧床老人）", "phone": "13912345678", "address": "东湖区幸福路8号3栋502室",
        "businesses": ["id-card"], "reason": "mobility", "details": "老人卧床，家属电话13812345678",
        "preferredDays": [day], "collectsPersonalData": True,
    })
    assert filed["queryCode"], filed
    leader = api("/api/v1/auth/token", "POST", {"badge": LEADER, "password": PASSWORD})["token"]
    planned = api(f"/api/v1/onsite/{filed['id']}/approve", "POST", {"day": day, "half": "morning", "team": TEAM}, token=leader)
    assert planned["stage"] == "approved" and planned["plan"]["team"] == TEAM

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in_console(page, TEAM[0])
    pages, text = print_pdf(page, f"/onsite/route-list?day={day}", "onsite-route-list")
    assert pages == 1, f"the route list is {pages} pages"
    flat = "".join(text.split())
    assert "现场办公路线单" in flat and "东湖区幸福路8号3栋502" in flat and "139****5678" in flat, flat
    assert "13912345678" not in flat and "13812345678" not in flat, "no full phone on paper"
    assert all(part in flat for part in ("王建国", "010231", "李秀英", "010232")), flat
    status = api("/api/v1/onsite/query", "POST", {"code": filed["queryCode"], "phoneLast4": "5678"})
    assert status["stage"] == "approved" and status["planned"].endswith("上午")


# The citizen's pages make several public requests and look-ups from one address within a minute.
SERVER_ENV = {"CHUANGKOU_ONSITE_PER_MINUTE_PER_ADDRESS": "60"}


def test_citizen_asks_on_a_phone_and_follows_the_request(server, browser):
    """At 360 px: a refused address is marked with what to fix and the input kept; the request gets a query code;
    the status page says in plain words that it waits for the duty leader, then that it is planned."""
    from test_complaints import SHOTS, phone_page

    day = next_weekday(datetime.date.today(), days=3).isoformat()
    citizen = phone_page(browser)
    citizen.goto(f"{BASE}/onsite/request")
    citizen.fill("input[name=applicant]", "刘秀兰")
    citizen.fill("input[name=phone]", "13712345678")
    citizen.fill("textarea[name=address]", "8号")
    citizen.check("input[name='businesses[]'][value=id-card]")
    citizen.select_option("select[name=reason]", "mobility")
    citizen.fill("input[name=day1]", day)
    citizen.click(".onsite-form button[type=submit]")
    error = citizen.locator("#onsite-error")
    assert "上门地址" in error.inner_text() and "请修改标出的内容" in error.inner_text()
    assert citizen.locator("label.invalid textarea[name=address]").count() == 1, "the address is marked"
    assert citizen.input_value("input[name=applicant]") == "刘秀兰" and citizen.input_value("input[name=day1]") == day
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360, "the form scrolls sideways at 360 px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    citizen.screenshot(path=str(SHOTS / "onsite-request-refused-360x640.png"), full_page=True)

    citizen.fill("textarea[name=address]", "东湖区光明路12号2单元301室")
    citizen.click(".onsite-form button[type=submit]")
    code = citizen.locator("#onsite-code").inner_text().strip()
    assert code, "no query code"
    citizen.screenshot(path=str(SHOTS / "onsite-request-filed-360x640.png"), full_page=True)

    citizen.click(f"a[href='/onsite/status?code={code}']")
    citizen.fill("input[name=phoneLast4]", "5678")
    citizen.click(".status-form button[type=submit]")
    assert "正在等待值班领导审批" in citizen.locator("#onsite-explanation").inner_text()

    leader = api("/api/v1/auth/token", "POST", {"badge": LEADER, "password": PASSWORD})["token"]
    visits = api("/api/v1/onsite?stage=requested", token=leader)["visits"]
    mine = next(v for v in visits if v["address"] == "东湖区光明路12号2单元301室")
    api(f"/api/v1/onsite/{mine['id']}/approve", "POST", {"day": day, "half": "afternoon", "team": TEAM[:1]}, token=leader)
    citizen.goto(f"{BASE}/onsite/status?code={code}&lang=en")
    citizen.fill("input[name=phoneLast4]", "5678")
    citizen.click(".status-form button[type=submit]")
    assert "Officers will come on " + day in citizen.locator("#onsite-explanation").inner_text()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    citizen.screenshot(path=str(SHOTS / "onsite-status-360x640.png"), full_page=True)


def _serve(database, port, log):
    """A server of this test's own on `database` (its first start loads the demo hall), healthy before it returns."""
    from conftest import TOTP_SECRET, server_binary
    import os
    import subprocess
    import time
    import urllib.request

    env = dict(os.environ, CHUANGKOU_DEMO_TOTP_SECRET=TOTP_SECRET)
    cmd = [server_binary(), "serve", "--host", "127.0.0.1", "--port", str(port), "--database", database, "--demo-password", PASSWORD]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        assert proc.poll() is None and time.time() < deadline, "the on-site intake server did not start"
        time.sleep(0.3)


def _stop(proc):
    proc.terminate()
    proc.wait(timeout=15)


def _hall_zone(database, zone):
    import sqlite3

    with sqlite3.connect(database, timeout=10) as db:
        db.execute("UPDATE hall SET time_zone = ?", (zone,))


def test_on_site_intake_on_a_phone(browser):
    """On the visit's day a team member opens the visit's page on a phone (360 px), reveals the applicant's phone
    (audited), and takes an application through the hall's own intake (channel on-site): checklist, one-time notice.

    A visit is planned for a day after today and taken in on its day, so the test moves the hall's day with its time
    zone: planned in Etc/GMT+12, taken in on Pacific/Kiritimati (26 hours ahead: the next day or the one after), each
    zone on a restart of a server of its own (port + 1, beside the module's server; its own database)."""
    import os
    import shutil
    import tempfile
    import urllib.error
    import urllib.request
    import json as jsonlib
    import pytest
    from conftest import PORT, SERVER_LOG

    port = PORT + 1
    base = f"http://127.0.0.1:{port}"

    def call(path, method="GET", body=None, token=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None if body is None else jsonlib.dumps(body).encode()
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=10) as r:
            return jsonlib.loads(r.read())

    def token(badge):
        return call("/api/v1/auth/token", "POST", {"badge": badge, "password": PASSWORD})["token"]

    now = datetime.datetime.now(datetime.timezone.utc)
    planned_today = (now - datetime.timedelta(hours=12)).date()
    visit_day = (now + datetime.timedelta(hours=14)).date()
    if visit_day.weekday() >= 5 or (now + datetime.timedelta(hours=14)).time() > datetime.time(23, 50):
        pytest.skip(f"{visit_day} on Kiritimati is a weekend or about to end: no visit to take in today")

    tmp = tempfile.mkdtemp(prefix="chuangkou-onsite-")
    database = os.path.join(tmp, "onsite.sqlite")
    try:
        _intake_on_site(browser, call, token, base, port, database, tmp, visit_day, planned_today)
    finally:
        # The servers' log joins the module servers' (artifacts/browser-server.log).
        if os.path.exists(os.path.join(tmp, "server.log")):
            with open(SERVER_LOG, "ab") as out, open(os.path.join(tmp, "server.log"), "rb") as log:
                out.write(b"=== on-site intake servers ===\n")
                shutil.copyfileobj(log, out)
        shutil.rmtree(tmp, ignore_errors=True)


def _intake_on_site(browser, call, token, base, port, database, tmp, visit_day, planned_today):
    import os
    import urllib.error
    import pytest
    from test_complaints import SHOTS, phone_page

    with open(os.path.join(tmp, "server.log"), "wb") as log:
        proc = _serve(database, port, log)
        _stop(proc)
        _hall_zone(database, "Etc/GMT+12")
        proc = _serve(database, port, log)
        try:
            filed = call("/api/v1/onsite", "POST", {
                "applicant": "东湖区夕阳红养老院", "phone": "13912345678", "address": "东湖区幸福路8号",
                "businesses": ["id-card", "residence-permit"], "reason": "nursingHome", "details": "三位老人卧床",
                "preferredDays": [visit_day.isoformat()], "collectsPersonalData": True,
            })
            try:
                planned = call(f"/api/v1/onsite/{filed['id']}/approve", "POST",
                               {"day": visit_day.isoformat(), "half": "morning", "team": TEAM}, token=token(LEADER))
            except urllib.error.HTTPError as refused:
                answer = refused.read().decode(errors="replace")
                if "onsite.not-a-working-day" in answer or "onsite.calendar-unpublished" in answer:
                    pytest.skip(f"{visit_day} is a holiday or its year's calendar is not published: {answer}")
                raise AssertionError(answer) from None
            assert planned["stage"] == "approved", planned
            assert visit_day > planned_today
        finally:
            _stop(proc)
        _hall_zone(database, "Pacific/Kiritimati")
        proc = _serve(database, port, log)
        try:
            phone = phone_page(browser)
            phone.goto(f"{base}/console/login")
            phone.fill("input[name=badge]", TEAM[0])
            phone.fill("input[name=password]", PASSWORD)
            phone.click("button[type=submit]")
            phone.wait_for_url("**/console**")
            phone.goto(f"{base}/onsite/visits/{filed['id']}")
            assert "139****5678" in phone.inner_text("#visit-phone")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the visit page scrolls sideways at 360 px"
            SHOTS.mkdir(parents=True, exist_ok=True)
            phone.screenshot(path=str(SHOTS / "onsite-visit-360x640.png"), full_page=True)
            phone.click("#reveal-phone-form button")
            assert phone.inner_text("#revealed-phone") == "13912345678"

            phone.click("li[data-business=id-card] a.intake-link")
            phone.wait_for_selector("#onsite-intake")
            phone.fill("input[name=name]", "张桂兰")
            phone.fill("input[name=idNumber]", "11010519491231002X")
            phone.fill("input[name=phone]", "13812345678")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the intake form scrolls sideways at 360 px"
            phone.screenshot(path=str(SHOTS / "onsite-intake-360x640.png"), full_page=True)
            phone.click("#case-new button[type=submit]")
            phone.wait_for_url("**/cases/*")
            assert "现场受理（现场办公）" in phone.inner_text("#case-channel")
            case_id = phone.url.rsplit("/", 1)[-1].split("?")[0]
            opened = call(f"/api/v1/cases/{case_id}", token=token(TEAM[0]))
            assert opened["channel"] == "on-site" and opened["onSiteVisit"] == filed["id"], opened

            # The same checklist and one-time notice as at the window, on the phone.
            states = ["missing", "provided", "provided", "provided", "provided", "notApplicable"]
            for index, state in enumerate(states):
                phone.select_option(f"#checklist tr[data-index='{index}'] .m-state", state)
            phone.fill("#checklist tr[data-index='5'] .m-reason", "本人申领")
            with phone.expect_navigation():
                phone.click("#checklist button[type=submit]")
            with phone.expect_navigation():
                phone.click("#intake button[type=submit]")
            phone.wait_for_selector("#case-stage[data-stage=awaitingSupplement]")
            phone.screenshot(path=str(SHOTS / "onsite-case-360x640.png"), full_page=True)
            wide = phone.evaluate("""[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 361)
                .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)""")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"the case page scrolls sideways at 360 px: {wide}"
            visit_page = phone.goto(f"{base}/onsite/visits/{filed['id']}")
            assert visit_page.ok and phone.locator(f"#visit-cases a[href='/cases/{case_id}']").count() == 1
            # How it went, from the same page: partly, with the reason; the count defaults to the cases opened.
            assert phone.input_value("#result-form input[name=casesTaken]") == "1"
            phone.check("#result-form input[value=partly]")
            phone.fill("#result-form textarea[name=note]", "一位老人户口簿未找到，已一次性告知")
            phone.click("#result-form button[type=submit]")
            phone.wait_for_url("**done=result")
            assert "部分办结" in phone.inner_text("#visit-result")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360
            phone.screenshot(path=str(SHOTS / "onsite-visit-result-360x640.png"), full_page=True)
        finally:
            _stop(proc)
