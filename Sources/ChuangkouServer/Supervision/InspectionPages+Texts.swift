/// The inspections page's words, zh-CN first.
extension InspectionPages {
    static let texts: [String: (String, String)] = [
        "rule": (
            "监督检查须由2名以上检查人进行，检查人不得检查自己；逐项检查，发现问题须指定整改责任人和整改期限（工作日）。",
            "An inspection has at least two inspectors, none inspecting themselves; each problem found gets an owner and a deadline in working days."
        ),
        "empty": ("本期暂无监督检查记录", "No inspections in this period"),
        "day": ("检查日期", "Day"),
        "team": ("检查人", "Inspectors"),
        "windows": ("被检查窗口", "Windows"),
        "inspected": ("被检查民警", "Officers inspected"),
        "passed": ("合格项目", "Passed"),
        "item": ("检查项目", "Item"),
        "window": ("窗口", "Window"),
        "note": ("发现的问题", "Problem found"),
        "owner": ("整改责任人", "Owner"),
        "due": ("整改期限", "Due"),
        "state": ("状态", "State"),
        "closed": ("已整改销号", "Put right"),
        "open": ("待整改", "Open"),
        "close": ("整改完毕，销号", "Put right: close"),
        "record": ("登记监督检查", "Record an inspection"),
        "chooseInspectors": ("检查人（至少2名）", "Inspectors (two at least)"),
        "chooseWindows": ("被检查窗口", "Windows inspected"),
        "checklist": ("检查项目（无问题留空即为合格）", "Checklist (leave blank when it passes)"),
        "days": ("整改期限（工作日）", "Working days to put right"),
        "anyWindow": ("不限窗口", "Any window"),
        "submit": ("提交", "Submit"),
    ]
}
