/// The words on the citizens' queue pages, Chinese first, English second.
extension QueuePagesController {
    static let kioskTexts: [String: (String, String)] = [
        "green": ("① 是否需要优先办理（绿色通道）", "① Do you need priority? (green channel)"),
        "greenNone": ("不需要", "No"),
        "greenMark": ("绿色通道", "Priority"),
        "pick": ("② 请选择要办理的业务", "② Choose what you need"),
        "checkIn": ("预约签到", "Appointment check-in"),
        "placesLeft": ("今日预约余", "Appointments left:"),
        "people": ("人", ""),
        "yourTicket": ("您的号码", "Your number"),
        "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
        "estimate": ("预计等候", "Estimated wait"),
        "noEstimate": ("暂无窗口开放，请留意叫号", "No window open yet; watch the display"),
        "follow": ("手机扫码查看排队进度，办结后扫码评价本次服务", "Scan to follow your place, and to rate the service when it ends"),
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
        "appointment": ("预约", "Booked"),
        "badge": ("警号", "Badge"),
        "banner": ("请{number}号到{window}号窗口办理", "Number {number}, please go to window {window}"),
        "enableSound": ("开启叫号声音（本机记住）", "Turn on call sound (remembered here)"),
        "resumeSound": ("触摸屏幕或按任意键恢复声音", "Touch the screen or press a key to restore sound"),
        "offline": (
            "连接中断，正在重新连接……显示的号码可能不是最新",
            "Connection lost, reconnecting… numbers shown may be out of date"
        ),
        "limits": ("办理时限", "Time limits"),
        "dutyLeader": ("值班领导", "Duty leader"),
        "dutyPhone": ("值班电话", "Duty phone"),
    ]
    static let ticketTexts: [String: (String, String)] = [
        "yourNumber": ("您的号码", "Your number"),
        "status": ("状态", "Status"),
        "green": ("绿色通道", "Priority"),
        "greenDeclared": (
            "绿色通道为您自行申报，叫号后由窗口民警核实，请备好相关证件（如身份证、残疾人证）。",
            "You declared the priority yourself: the officer checks it when you are called; have your papers ready."
        ),
        "greenDeclined": (
            "窗口民警核实后未认可绿色通道，您的号票按取号时间在普通队列中等候。",
            "The officer did not confirm the priority: your ticket waits in the ordinary order, by the time you took it."
        ),
        "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
        "estimate": ("预计等候", "Estimated wait"),
        "goTo": ("请到{n}号窗口", "Please go to window {n}"),
        "noEstimate": ("暂无窗口开放", "No window open yet"),
        "live": ("本页自动更新，无需刷新。更新于", "This page updates by itself. Updated"),
        "contactTitle": ("快到时短信提醒", "A text when your turn is near"),
        "contactPhone": ("手机号码", "Mobile number"),
        "contactConsent": (
            "留下手机号码，即表示您同意本厅在您前面还剩3人时向该号码发送一条短信提醒。号码加密保存，仅用于本号票的这条提醒，"
                + "登记后不能更改；不留号码也照常叫号。",
            "By giving your number you agree that the hall sends it one text when 3 are left ahead of you. The number is kept "
                + "encrypted, used for this ticket's reminder only, and cannot be changed once given; you are called either way."
        ),
        "contactSubmit": ("同意并登记", "Agree and give the number"),
        "contactGiven": ("快到时将短信提醒至", "We will text you when your turn is near at"),
        "contactSaved": ("手机号码已登记。", "Your number is noted."),
    ]
}
