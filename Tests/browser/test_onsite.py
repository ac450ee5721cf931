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
