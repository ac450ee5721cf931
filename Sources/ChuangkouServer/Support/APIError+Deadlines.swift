import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// The one place where the calendar's and the deadline clocks' refusals get their status and code.
extension APIError {
    init(_ error: CalendarError) {
        switch error {
        case .negativeCount:
            self.init(.badRequest, "calendar.negative-count", error.chinese, error.english)
        default:
            self.init(.unprocessableContent, "calendar.invalid-notice", error.chinese, error.english, problems: [.init(error.chinese, error.english)])
        }
    }

    /// 422 with every problem of the notice listed.
    init(_ rejected: NoticeRejected) {
        self.init(
            .unprocessableContent,
            "calendar.invalid-notice",
            "\(rejected.year)年放假安排有\(rejected.problems.count)处问题, 未发布",
            "The \(rejected.year) notice has \(rejected.problems.count) problem(s); nothing was published",
            problems: rejected.problems.map { Problem($0.chinese, $0.english) }
        )
    }

    init(_ error: DeadlineError) {
        switch error {
        case .negativeLimit:
            self.init(.badRequest, "deadline.negative-limit", "时限不能为负数", "A time limit cannot be negative")
        case .promisedExceedsStatutory:
            self.init(.badRequest, "deadline.promised-exceeds-statutory", "承诺时限不能超过法定时限", "The promised limit cannot exceed the statutory limit")
        case .beforeAcceptance:
            self.init(.conflict, "deadline.before-acceptance", "日期早于受理日期", "The date is before acceptance")
        case .beforeLastPause:
            self.init(.conflict, "deadline.before-last-pause", "日期早于上一次暂停", "The date is before the last pause")
        case .alreadyPaused:
            self.init(.conflict, "deadline.already-paused", "已在暂停计时中", "The clock is already paused")
        case .notPaused:
            self.init(.conflict, "deadline.not-paused", "未暂停计时, 无需恢复", "The clock is not paused")
        case .resumeBeforePause:
            self.init(.conflict, "deadline.resume-before-pause", "恢复日期早于暂停日期", "Resumed before the pause began")
        case .applicantNotNotified:
            self.init(.badRequest, "deadline.applicant-not-notified", "暂停计时须书面告知申请人 (行政许可法第四十五条)", "The applicant must be told in writing (Art. 45)")
        case .emptyReason:
            self.init(.badRequest, "deadline.reason-required", "必须填写理由", "A reason is required")
        case .extensionNotPositive:
            self.init(.badRequest, "deadline.extension-not-positive", "延长天数必须大于零", "An extension must be at least one working day")
        case .extensionTooLong(let max):
            self.init(
                .badRequest,
                "deadline.extension-too-long",
                "延长不得超过\(max)个工作日 (行政许可法第四十二条)",
                "An extension may not exceed \(max) working days (Art. 42)"
            )
        case .extensionAlreadyGranted:
            self.init(.conflict, "deadline.extension-already-granted", "已延长过一次, 不能再延长", "The one extension was already granted")
        case .extensionNeedsDutyLeader:
            self.init(.forbidden, "deadline.extension-needs-duty-leader", "延长办理时限须经值班领导批准", "Only the duty leader may grant an extension")
        case .stopped:
            self.init(.conflict, "deadline.stopped", "已办结, 时限已停止", "The clock was stopped: the case is decided")
        }
    }

    init(_ error: DeadlineRecordError) {
        switch error {
        case .unknown:
            self.init(.notFound, "deadline.unknown", "没有此办理时限", "No such deadline")
        case .emptySubject:
            self.init(.badRequest, "deadline.subject-required", "必须填写办理事由", "A subject is required")
        case .notOwner:
            self.init(.forbidden, "deadline.not-owner", "只有承办民警或值班领导可以操作", "Only the owner or a duty leader may do this")
        case .unknownOfficer(let badge):
            self.init(.badRequest, "deadline.unknown-officer", "没有警号为\(badge)的账号", "No account with badge \(badge)")
        }
    }
}
