import ChuangkouCore
import ChuangkouStore

/// The rating pad's screen: the window's officer card (四公开: name, 警号, post, photo), and the faces and indicators
/// the script shows when the window finishes a ticket.
struct RatingPadPage: Sendable {
    let frame: PageFrame
    let window: Int
    let windowName: String
    let officerName: String?
    let officerBadge: String?
    let officerPost: String?
    let officerInitial: String?
    let officerPhoto: String?
    let ratingForm: RatingForm

    init(frame: PageFrame, window: WindowNumber, board: WindowRepository.Board?, language: Language) {
        self.frame = frame
        self.window = window.value
        windowName = frame.windowName(window)
        let officer = board?.officer
        officerName = officer?.name
        officerBadge = officer?.badge.value
        officerPost = officer?.post
        officerInitial = officer.map { String($0.name.prefix(1)) }
        officerPhoto = (board?.officerHasPhoto ?? false) ? officer.map { "/api/v1/officers/\($0.badge.value)/photo" } : nil
        ratingForm = RatingForm.make(language)
    }
}

/// The pairing form of an unpaired pad: the token the system administrator issued for this window.
struct RatingPadPairingPage: Sendable {
    let frame: PageFrame
    let window: Int
    let windowName: String
    let error: String?
}

extension RatingPadController {
    /// The pad's words (with `RatingForm.texts` for the rating itself).
    static let texts: [String: (String, String)] = [
        "badge": ("警号", "Badge"),
        "welcome": ("您好，本窗口为您服务", "Hello, this window is at your service"),
        "noOfficer": ("本窗口暂未开放", "This window is not open"),
        "padHint": ("办理结束后，请在此屏幕评价本次服务", "When your service ends, please rate it on this screen"),
        "ticketLine": ("{number}号 · {business}", "Number {number} · {business}"),
        "padNext": ("下一步", "Next"),
        "padSkipDetails": ("直接提交", "Submit now"),
        "padBack": ("返回", "Back"),
        "padError": ("提交失败，请重试或联系工作人员", "Could not submit; please try again or ask staff"),
        "pairTitle": ("评价器配对", "Pair this rating pad"),
        "pairHelp": (
            "请输入系统管理员为本窗口评价器签发的设备令牌（dev_ 开头）。令牌只保存在本设备，可随时由管理员注销。",
            "Enter the device token the system administrator issued for this window's pad (it starts with dev_). "
                + "It is kept on this device only and can be revoked by the administrator."
        ),
        "pairToken": ("设备令牌", "Device token"),
        "pairSubmit": ("配对", "Pair"),
    ]
}
