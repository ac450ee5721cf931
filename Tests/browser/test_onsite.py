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
