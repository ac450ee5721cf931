/// The words on each page, Chinese first, English second.
extension PagesController {
    static let homeTexts: [String: (String, String)] = [:]
    static let adminTexts: [String: (String, String)] = [
        "logout": ("退出登录", "Sign out"),
        "home": ("返回大厅首页", "Back to the hall's start page"),
    ]
    static let loginTexts: [String: (String, String)] = [
        "badge": ("警号", "Badge number"),
        "password": ("密码", "Password"),
        "signIn": ("登录", "Sign in"),
        "code": ("动态验证码（管理员、领导）", "Authenticator code (administrators, leaders)"),
    ]
    static let consoleTexts: [String: (String, String)] = [
        // The officer's own alerts (issue 15), live from the event stream (inbox.js).
        "inbox": ("我的提醒", "My alerts"),
        "inboxUnread": ("未读", "Unread"),
        "inboxReadAll": ("全部标为已读", "Mark all read"),
        "inboxMarkRead": ("标为已读", "Mark read"),
        "inboxEmpty": ("暂无提醒。", "No alerts."),
        "openCase": ("受理登记（当前号票）", "New case for this ticket"),
        "walkIn": ("现场登记（无号票）", "Walk-in case"),
        // 首问负责 (issue 14): the desk page, opened for this window.
        "recordInquiry": ("登记咨询", "Record an inquiry"),
        "escalate": ("请示领导 / 另请民警", "Leader or colleague"),
        // Handovers to a colleague's window (另请一名民警): the receipts, on both consoles.
        "receipts": ("转交回执", "Handover receipts"),
        "handedTo": ("{time} {number}号已转交{window}号窗口 {name}（警号 {badge}）", "{time} {number} handed to window {window}, {name} ({badge})"),
        "receivedFrom": (
            "{time} 收到{window}号窗口 {name}（警号 {badge}）转来的 {number}号",
            "{time} received {number} from window {window}, {name} ({badge})"
        ),
        "explanation": ("书面告知单", "Written explanation"),
        "noPhoto": ("暂无照片", "No photo"),
        "badge": ("警号", "Badge"),
        "chooseWindow": ("请选择窗口", "Choose your window"),
        "heldBy": ("已登录", "Held by"),
        "current": ("当前号票", "Current ticket"),
        "none": ("无", "None"),
        "callNext": ("叫下一号", "Call next"),
        "start": ("开始办理", "Start serving"),
        "finishAndCall": ("办结并叫下一号", "Finish and call next"),
        "recall": ("重呼", "Call again"),
        "finish": ("仅办结", "Finish only"),
        "noShow": ("过号", "No-show"),
        "transfer": ("转移事项", "Transfer"),
        "transferTo": ("转移到事项", "Transfer to"),
        "confirmTransfer": ("确认转移", "Transfer now"),
        "cancel": ("取消", "Cancel"),
        "pause": ("暂停服务", "Pause"),
        "resume": ("恢复服务", "Resume"),
        "leave": ("退出窗口", "Leave window"),
        "logout": ("退出登录", "Sign out"),
        "queue": ("等候队列", "Waiting"),
        "callThis": ("提前叫号", "Call out of turn"),
        "reason": ("提前叫号理由（将记录并由督察审核）", "Reason for calling out of turn (recorded for supervisors)"),
        "reasonNeeded": ("请填写提前叫号理由", "Please give the reason"),
        "confirmCall": ("确认叫号", "Call now"),
        "greenMark": ("绿色通道", "Priority"),
        "greenDeclared": ("群众自行申报，请核实证件后确认或不予认可", "Declared by the citizen: check their papers, then confirm or decline"),
        "greenConfirm": ("确认绿色通道", "Confirm priority"),
        "greenDecline": ("不予认可（按普通顺序重新等候）", "Decline (waits again in ordinary order)"),
        "greenDeclinedNow": ("已不予认可，{number} 按普通顺序重新等候", "Declined: {number} waits again in ordinary order"),
        "declaredMark": ("自行申报", "self-declared"),
        "waited": ("已等候 {n} 分钟", "waiting {n} min"),
        "issuedAgo": ("取号于 {n} 分钟前", "issued {n} min ago"),
        "recalled": ("已重呼 {n} 次", "called again {n}×"),
        "calledNow": ("已叫号 {number}", "Called {number}"),
        "shortcuts": ("快捷键：按钮上的字母键（在输入框中时不生效）；Esc 关闭表单。", "Keys: the letter on each button (not while typing); Esc closes a form."),
        "publicCard": ("群众看到的窗口信息", "What the public sees"),
        "emptyQueue": ("暂无等候", "Nobody waiting"),
        "nothingWaiting": ("没有等候的号票", "Nothing is waiting for this window"),
    ]
}
