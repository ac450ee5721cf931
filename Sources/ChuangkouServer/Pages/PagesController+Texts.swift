/// The words on each page, Chinese first, English second.
extension PagesController {
    static let kioskTexts: [String: (String, String)] = [
        "pick": ("请选择要办理的业务", "Choose what you need"),
        "green": ("绿色通道 (优先办理)", "Priority (green channel)"),
        "greenNone": ("不需要", "Not needed"),
        "yourTicket": ("您的号码", "Your number"),
        "position": ("前面等候", "Ahead of you"),
        "people": ("人", ""),
        "estimate": ("预计等候", "Estimated wait"),
        "noEstimate": ("暂无窗口开放, 请留意叫号", "No window open yet; watch the display"),
        "follow": ("用手机查看进度", "Follow on your phone"),
        "print": ("打印号票", "Print ticket"),
        "done": ("完成", "Done"),
        "issuedAt": ("取号时间", "Issued"),
        "error": ("取号失败, 请联系工作人员", "Could not issue a ticket; please ask staff"),
    ]
    static let displayTexts: [String: (String, String)] = [
        "nowCalling": ("正在叫号", "Now calling"),
        "latest": ("最近叫号", "Recent calls"),
        "current": ("当前号码", "Now serving"),
        "badge": ("警号", "Badge"),
        "enableSound": ("点击开启语音播报", "Tap to enable voice"),
        "offline": ("连接中断, 正在重连…", "Reconnecting…"),
        "limits": ("办理时限", "Time limits"),
    ]
    static let ticketTexts: [String: (String, String)] = [
        "business": ("业务", "Business"),
        "status": ("状态", "Status"),
        "position": ("前面等候", "Ahead of you"),
        "estimate": ("预计等候", "Estimated wait"),
        "goTo": ("请到窗口", "Please go to window"),
        "noEstimate": ("暂无窗口开放", "No window open yet"),
    ]
    static let loginTexts: [String: (String, String)] = [
        "badge": ("警号", "Badge number"),
        "password": ("密码", "Password"),
        "signIn": ("登录", "Sign in"),
        "code": ("动态验证码（管理员、领导）", "Authenticator code (administrators, leaders)"),
    ]
    static let consoleTexts: [String: (String, String)] = [
        "openCase": ("受理登记（当前号票）", "New case for this ticket"),
        "walkIn": ("现场登记（无号票）", "Walk-in case"),
        "noPhoto": ("暂无照片", "No photo"),
        "chooseWindow": ("请选择窗口", "Choose your window"),
        "heldBy": ("已登录", "Held by"),
        "signIn": ("登录此窗口", "Sign in here"),
        "current": ("当前号票", "Current ticket"),
        "none": ("无", "None"),
        "callNext": ("叫下一号", "Call next"),
        "recall": ("重呼", "Recall"),
        "start": ("开始办理", "Start"),
        "finish": ("办结", "Finish"),
        "noShow": ("过号", "No-show"),
        "transfer": ("转移", "Transfer"),
        "cancel": ("取消", "Cancel"),
        "pause": ("暂停服务", "Pause"),
        "resume": ("恢复服务", "Resume"),
        "leave": ("退出窗口", "Leave window"),
        "logout": ("退出登录", "Sign out"),
        "queue": ("等候队列", "Waiting"),
        "callThis": ("提前叫号", "Call out of turn"),
        "reason": ("请填写提前叫号理由 (将记录并由督察审核)", "Reason for calling out of turn (recorded for supervisors)"),
        "transferTo": ("转移到事项", "Transfer to"),
        "publicCard": ("群众看到的窗口信息", "What the public sees"),
        "emptyQueue": ("暂无等候", "Nobody waiting"),
        "nothingWaiting": ("没有等候的号票", "Nothing is waiting for this window"),
    ]
}
