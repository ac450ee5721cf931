import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Deadline clocks: every code the API answers with for them, and the one mapping of `DeadlineError` and
/// `DeadlineRecordError`.
extension APIError {
    enum DeadlineCode: String, APIErrorCode {
        case negativeLimit = "deadline.negative-limit"
        case limitTooLong = "deadline.limit-too-long"
        case promisedExceedsStatutory = "deadline.promised-exceeds-statutory"
        case beforeAcceptance = "deadline.before-acceptance"
        case beforeLastPause = "deadline.before-last-pause"
        case alreadyPaused = "deadline.already-paused"
        case notPaused = "deadline.not-paused"
        case resumeBeforePause = "deadline.resume-before-pause"
        case applicantNotNotified = "deadline.applicant-not-notified"
        case reasonRequired = "deadline.reason-required"
        case extensionNotPositive = "deadline.extension-not-positive"
        case extensionTooLong = "deadline.extension-too-long"
        case extensionAlreadyGranted = "deadline.extension-already-granted"
        case extensionNeedsDutyLeader = "deadline.extension-needs-duty-leader"
        case stopped = "deadline.stopped"
        case unknown = "deadline.unknown"
        case subjectRequired = "deadline.subject-required"
        case notOwner = "deadline.not-owner"
        case unknownOfficer = "deadline.unknown-officer"
        case unknownPauseKind = "deadline.unknown-pause-kind"
        case acceptedInFuture = "deadline.accepted-in-future"
    }

    static func unknownPauseKind(_ kind: String) -> APIError {
        APIError(.badRequest, DeadlineCode.unknownPauseKind, "未知的暂停计时类别: \(kind)", "Unknown kind of pause: \(kind)")
    }

    static let acceptedInFuture = APIError(
        .badRequest,
        DeadlineCode.acceptedInFuture,
        "受理日期不能晚于今天",
        "A case cannot be accepted in the future"
    )

    init(_ error: DeadlineError) {
        switch error {
        case .negativeLimit:
            self.init(.badRequest, DeadlineCode.negativeLimit, "时限不能为负数", "A time limit cannot be negative")
        case .limitTooLong(let max):
            self.init(.badRequest, DeadlineCode.limitTooLong, "时限不能超过\(max)个工作日", "A time limit is at most \(max) working days")
        case .promisedExceedsStatutory:
            self.init(
                .badRequest,
                DeadlineCode.promisedExceedsStatutory,
                "承诺时限不能超过法定时限",
                "The promised limit cannot exceed the statutory limit"
            )
        case .beforeAcceptance:
            self.init(.conflict, DeadlineCode.beforeAcceptance, "日期早于受理日期", "The date is before acceptance")
        case .beforeLastPause:
            self.init(.conflict, DeadlineCode.beforeLastPause, "日期早于上一次暂停", "The date is before the last pause")
        case .alreadyPaused:
            self.init(.conflict, DeadlineCode.alreadyPaused, "已在暂停计时中", "The clock is already paused")
        case .notPaused:
            self.init(.conflict, DeadlineCode.notPaused, "未暂停计时, 无需恢复", "The clock is not paused")
        case .resumeBeforePause:
            self.init(.conflict, DeadlineCode.resumeBeforePause, "恢复日期早于暂停日期", "Resumed before the pause began")
        case .applicantNotNotified:
            self.init(
                .badRequest,
                DeadlineCode.applicantNotNotified,
                "暂停计时须书面告知申请人 (行政许可法第四十五条)",
                "The applicant must be told in writing (Art. 45)"
            )
        case .emptyReason:
            self.init(.badRequest, DeadlineCode.reasonRequired, "必须填写理由", "A reason is required")
        case .extensionNotPositive:
            self.init(.badRequest, DeadlineCode.extensionNotPositive, "延长天数必须大于零", "An extension must be at least one working day")
        case .extensionTooLong(let max):
            self.init(
                .badRequest,
                DeadlineCode.extensionTooLong,
                "延长不得超过\(max)个工作日 (行政许可法第四十二条)",
                "An extension may not exceed \(max) working days (Art. 42)"
            )
        case .extensionAlreadyGranted:
            self.init(.conflict, DeadlineCode.extensionAlreadyGranted, "已延长过一次, 不能再延长", "The one extension was already granted")
        case .extensionNeedsDutyLeader:
            self.init(
                .forbidden,
                DeadlineCode.extensionNeedsDutyLeader,
                "延长办理时限须经值班领导批准",
                "Only the duty leader may grant an extension"
            )
        case .stopped:
            self.init(.conflict, DeadlineCode.stopped, "已办结, 时限已停止", "The clock was stopped: the case is decided")
        }
    }

    init(_ error: DeadlineRecordError) {
        switch error {
        case .unknown:
            self.init(.notFound, DeadlineCode.unknown, "没有此办理时限", "No such deadline")
        case .emptySubject:
            self.init(.badRequest, DeadlineCode.subjectRequired, "必须填写办理事由", "A subject is required")
        case .notOwner:
            self.init(
                .forbidden,
                DeadlineCode.notOwner,
                "只有承办民警或值班领导可以操作",
                "Only the owner or a duty leader may do this"
            )
        case .unknownOfficer(let badge):
            self.init(.badRequest, DeadlineCode.unknownOfficer, "没有警号为\(badge)的账号", "No account with badge \(badge)")
        }
    }
}
