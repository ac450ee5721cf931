import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// On-site visits (现场办公): every code the API answers with for them, and the one mapping of `OnSiteError` and
/// `OnSiteRecordError`.
extension APIError {
    enum OnSiteCode: String, APIErrorCode {
        case applicant = "onsite.applicant-required"
        case address = "onsite.address-required"
        case businesses = "onsite.business-count"
        case details = "onsite.details-too-long"
        case preferredDays = "onsite.preferred-days"
        case recorder = "onsite.recorder-mismatch"
        case stage = "onsite.wrong-stage"
        case leaderOnly = "onsite.leader-only"
        case notWorkingDay = "onsite.not-a-working-day"
        case calendar = "onsite.calendar-unpublished"
        case dayOutOfRange = "onsite.day-out-of-range"
        case teamSize = "onsite.team-size"
        case teamMember = "onsite.team-member-invalid"
        case reason = "onsite.reason-required"
        case notOnTeam = "onsite.not-on-team"
        case notTeamMember = "onsite.not-team-member"
        case notVisitDay = "onsite.not-visit-day"
        case businessNotOnVisit = "onsite.business-not-on-visit"
        case beforeVisit = "onsite.result-before-visit"
        case note = "onsite.result-note-required"
        case unknown = "onsite.unknown"
        case unknownBusiness = "onsite.unknown-business"
        case unknownOfficer = "onsite.unknown-officer"
        case queryNotFound = "onsite.query-not-found"
        case rateLimited = "onsite.rate-limited"
        case badRequest = "onsite.bad-request"
    }

    static func onSiteRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, OnSiteCode.badRequest, chinese, english)
    }

    static let unknownOnSiteVisit = APIError(.notFound, OnSiteCode.unknown, "没有此现场办公申请", "No such on-site visit")
    static let onSiteRateLimited = APIError(
        .tooManyRequests,
        OnSiteCode.rateLimited,
        "提交过于频繁，请稍后再试",
        "Too many requests from this address; try again in a minute"
    )

    init(_ error: OnSiteError) {
        switch error {
        case .applicantRequired:
            self.init(.badRequest, OnSiteCode.applicant, "请填写申请人或单位名称（1至60字）", "Name the applicant or organisation (1–60 characters)")
        case .addressRequired: self.init(.badRequest, OnSiteCode.address, "请填写上门地址（4至200字）", "Give the address (4–200 characters)")
        case .businessCount(let max):
            self.init(.badRequest, OnSiteCode.businesses, "请选择1至\(max)项不同的事项", "Choose 1 to \(max) different businesses")
        case .detailsTooLong(let max): self.init(.badRequest, OnSiteCode.details, "说明不能超过\(max)字", "The note is longer than \(max) characters")
        case .preferredDays(let days):
            self.init(.badRequest, OnSiteCode.preferredDays, "请选择1至3个今天以后、\(days)日以内的日期", "Choose 1 to 3 days after today, within \(days) days")
        case .recorderMismatch:
            self.init(.badRequest, OnSiteCode.recorder, "工作人员登记须署名，网上申请不署登记人", "Staff record under their badge; the public form under none")
        case .wrongStage(let stage):
            self.init(.conflict, OnSiteCode.stage, "该申请当前为「\(stage.label)」，不能进行此操作", "The visit is \(stage.rawValue); this step does not apply")
        case .leaderOnly: self.init(.forbidden, OnSiteCode.leaderOnly, "现场办公由值班领导审批", "The duty leader decides on-site visits")
        case .notAWorkingDay(let day):
            self.init(.unprocessableContent, OnSiteCode.notWorkingDay, "\(day)不是工作日，现场办公只安排在工作日", "\(day) is not a working day")
        case .calendarUnpublished(let year):
            self.init(
                .unprocessableContent,
                OnSiteCode.calendar,
                "\(year)年节假日安排尚未公布，暂不能安排",
                "The \(year) holiday arrangement is not published yet"
            )
        case .dayOutOfRange(let days):
            self.init(.unprocessableContent, OnSiteCode.dayOutOfRange, "日期须在今天以后、\(days)日以内", "The day is after today and within \(days) days")
        case .teamSize(let required, let max):
            self.init(
                .unprocessableContent,
                OnSiteCode.teamSize,
                "需安排\(required)至\(max)名民警（现场采集个人信息须至少2人）",
                "Send \(required) to \(max) officers (two when personal data is collected)"
            )
        case .teamMemberInvalid(let badge):
            self.init(.unprocessableContent, OnSiteCode.teamMember, "警号\(badge)不能列入工作组（重复或非办理人员）", "Badge \(badge) cannot be on the team")
        case .reasonRequired: self.init(.badRequest, OnSiteCode.reason, "请填写理由（2至200字）", "Give the reason (2–200 characters)")
        case .notOnTeam: self.init(.forbidden, OnSiteCode.notOnTeam, "只有工作组民警或值班领导可记录结果", "Only the team or a duty leader records the result")
        case .resultBeforeVisit:
            self.init(.conflict, OnSiteCode.beforeVisit, "现场办公当日或之后才能记录结果", "The result is recorded on or after the visit's day")
        case .resultNoteRequired:
            self.init(.badRequest, OnSiteCode.note, "部分办结或未能办理须说明原因", "Say why it was partly done or not possible")
        case .notTeamMember:
            self.init(.forbidden, OnSiteCode.notTeamMember, "只有该现场办公工作组的民警可以办理", "Only the visit's team may do this")
        case .notVisitDay(let day):
            self.init(.conflict, OnSiteCode.notVisitDay, "现场受理只能在现场办公当日（\(day)）进行", "On-site intake is on the visit's day (\(day)) only")
        case .businessNotOnVisit(let code):
            self.init(
                .unprocessableContent,
                OnSiteCode.businessNotOnVisit,
                "该现场办公申请未列此事项：\(code)",
                "The visit does not list this business: \(code)"
            )
        }
    }

    init(_ error: OnSiteRecordError) {
        switch error {
        case .unknownVisit: self = .unknownOnSiteVisit
        case .unknownBusiness(let code): self.init(.unprocessableContent, OnSiteCode.unknownBusiness, "没有此事项: \(code)", "No such business: \(code)")
        case .unknownOfficer(let badge):
            self.init(.unprocessableContent, OnSiteCode.unknownOfficer, "没有可用的警号\(badge)账号", "No enabled account with badge \(badge)")
        case .queryNotFound:
            self.init(.notFound, OnSiteCode.queryNotFound, "查询码或手机号后四位不正确", "The query code or the phone's last four digits are wrong")
        }
    }
}

extension OnSiteVisit.Stage {
    var label: String {
        switch self {
        case .requested: "待审批"
        case .approved: "已安排"
        case .declined: "未予安排"
        case .visited: "已上门办理"
        }
    }

    var labelEnglish: String {
        switch self {
        case .requested: "Waiting for the duty leader"
        case .approved: "Planned"
        case .declined: "Declined"
        case .visited: "Visited"
        }
    }
}
