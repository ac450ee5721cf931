"""Case spot-checks (抽查) in a real browser: three walk-in cases refused at intake (closed) make the month's pool; a
supervisor draws two with a typed seed on /spot-checks, sees the seed and the recheck (the frozen pool checks out),
the pool served as JSON draws the same cases again outside the server, and one drawn case is reviewed through its
form. Screenshot: artifacts/screenshots/spot-checks-1440x900.png.
"""
import hashlib
import re

from playwright.sync_api import expect

from conftest import BASE
from test_complaints import SHOTS, call, token
from test_guides import sign_in_console

OFFICER = "010231"  # 王建国, window 1
SUPERVISOR = "010300"  # 钱文, 督察
SEED = "20260302"
MASK = (1 << 64) - 1


def split_mix(state):
    """SplitMix64 as Core's SpotCheck uses it: yields (state, value)."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def draw(candidates, count, seed):
    """The published draw: sort by id, partial Fisher–Yates with unbiased bounded draws (rejection)."""
    pool = sorted(set(candidates))
    numbers = split_mix(seed)
    for i in range(min(count, len(pool))):
        bound = len(pool) - i
        limit = MASK - MASK % bound
        value = next(numbers)
        while value >= limit:
            value = next(numbers)
        j = i + value % bound
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:min(count, len(pool))]


def test_a_supervisor_draws_sees_the_seed_and_the_recheck_and_reviews(server, browser):
    officer = token(OFFICER)
    assert call("/api/v1/windows/1/sign-in", "POST", token=officer)[0] == 200
    applicant = {"kind": "person", "name": "张三", "idNumber": "11010519491231002x", "phone": "13812345678"}
    closed = []
    for _ in range(3):
        status, case = call("/api/v1/cases", "POST", {"business": "residence-permit", "applicant": applicant}, token=officer)
        assert status == 201, case
        status, refused = call(f"/api/v1/cases/{case['id']}/intake", "POST", {"refuse": {"reason": "不属于本机关职权范围"}}, token=officer)
        assert status == 200 and refused["stage"] == "notAccepted", refused
        closed.append(case["id"])

    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in_console(page, SUPERVISOR)
    page.goto(f"{BASE}/spot-checks?period=month")
    page.fill("#spot-check-form input[name=count]", "2")
    page.fill("#spot-check-form input[name=seed]", SEED)
    page.click("#spot-check-form button[type=submit]")
    expect(page.locator(".message.done")).to_be_visible()
    entry = page.locator("section.spot-check").first
    expect(entry.locator(".seed")).to_have_text(SEED)
    expect(entry.locator(".recheck.ok")).to_contain_text("候选池已冻结，重抽结果一致")
    expect(entry.locator(".spot-check-cases tbody tr")).to_have_count(2)

    # The frozen pool as anyone may fetch it: its digest is the record's and the published draw gives the same cases.
    pool_href = entry.locator("a.pool").get_attribute("href")
    spot_id = re.search(r"/spot-checks/([0-9a-f-]{36})/candidates", pool_href).group(1)
    boss = token(SUPERVISOR)
    status, pool = call(pool_href, token=boss)
    assert status == 200 and sorted(pool["candidates"]) == sorted(closed), pool
    assert hashlib.sha256("\n".join(sorted(pool["candidates"])).encode()).hexdigest() == pool["candidatesDigest"]
    status, record = call(f"/api/v1/spot-checks/{spot_id}", token=boss)
    drawn = [c["caseId"] for c in record["cases"]]
    assert drawn == draw(pool["candidates"], pool["requested"], int(pool["seed"])), (drawn, pool)
    assert record["pool"] == {"digestMatches": True, "sameCases": True, "added": 0, "removed": 0}, record

    # One drawn case reviewed through its form: a problem with a note.
    form = entry.locator("form.inline-review").first
    form.locator("select[name=finding]").select_option("problem")
    form.locator("input[name=note], textarea[name=note]").first.fill("不予受理决定书未写明救济途径")
    form.locator("button[type=submit]").click()
    expect(page.locator("section.spot-check").first).to_contain_text("不予受理决定书未写明救济途径")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "spot-checks-1440x900.png"), full_page=True)


def test_the_workload_page_shows_the_officer_at_the_window(server, browser):
    """Window 1 is signed in by the first test; the supervisor sees the officer's day on /workload."""
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in_console(page, SUPERVISOR)
    page.goto(f"{BASE}/workload?period=week")
    expect(page.locator("table.workload")).to_contain_text(OFFICER)
    expect(page.locator("table.workload tr.workload-handling").first).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "workload-1440x900.png"), full_page=True)
