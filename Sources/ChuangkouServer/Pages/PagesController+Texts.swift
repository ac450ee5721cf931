/// The words on each page, Chinese first, English second.
extension PagesController {
    static let kioskTexts: [String: (String, String)] = [
        "green": ("① 是否需要优先办理（绿色通道）", "① Do you need priority? (green channel)"),
        "greenNone": ("不需要", "No"),
        "greenMark": ("绿色通道", "Priority"),
        "pick": ("② 请选择要办理的业务", "② Choose what you need"),
        "people": ("人", ""),
        "yourTicket": ("您的号码", "Your number"),
        "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
        "estimate": ("预计等候", "Estimated wait"),
        "noEstimate": ("暂无窗口开放，请留意叫号", "No window open yet; watch the display"),
        "follow": ("手机扫码查看排队进度", "Scan to follow your place on your phone"),
        "missed": ("请留意叫号屏和语音，过号需重新取号", "Watch the display; a missed number must take a new ticket"),
        "printing": ("正在打印号票……", "Printing your ticket…"),
        "printed": ("号票已打印，请取走", "Your ticket is printed; please take it"),
        "printAgain": ("重新打印", "Print again"),
        "done": ("完成", "Done"),
        "issuedAt": ("取号时间", "Issued"),
        "status": ("办件查询", "Case status"),
        "error": ("取号失败，请联系工作人员", "Could not issue a ticket; please ask staff"),
    ]
    static let displayTexts: [String: (String, String)] = [
        "windows": ("窗口", "Windows"),
        "latest": ("最近叫号", "Recent calls"),
        "badge": ("警号", "Badge"),
        "banner": ("请{number}号到{window}号窗口办理", "Number {number}, please go to window {window}"),
        "enableSound": ("开启叫号声音（本机记住）", "Turn on call sound (remembered here)"),
        "resumeSound": ("触摸屏幕或按任意键恢复声音", "Touch the screen or press a key to restore sound"),
        "offline": ("连接中断，正在重新连接……显示的号码可能不是最新", "Connection lost, reconnecting… numbers shown may be out of date"),
        "limits": ("办理时限", "Time limits"),
    ]
    static let ticketTexts: [String: (String, String)] = [
        "yourNumber": ("您的号码", "Your number"),
        "status": ("状态", "Status"),
        "green": ("绿色通道", "Priority"),
        "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
        "estimate": ("预计等候", "Estimated wait"),
        "goTo": ("请到{n}号窗口", "Please go to window {n}"),
        "noEstimate": ("暂无窗口开放", "No window open yet"),
        "live": ("本页自动更新，无需刷新。更新于", "This page updates by itself. Updated"),
    ]
    static let homeTexts: [String: (String, String)] = [:]
    static let adminTexts: [String: (String, String)] = [
        "logout": ("退出登录", "Sign out"),
        "home": ("返回大厅首页", "Back to the hall's start page"),
    ]
    static let loginTexts: [String: (String, String)] = [
        "badge": ("警号", "Badge number"),
        "password": ("密码", "Password"),
        "signIn": ("登录", "Sign in"),
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
