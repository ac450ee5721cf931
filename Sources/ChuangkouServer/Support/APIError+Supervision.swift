import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Supervision: every code the API answers with for it, and the one mapping of `SupervisionError`.
extension APIError {
    enum SupervisionCode: String, APIErrorCode {
        case ownCall = "supervision.own-call"
        case noteRequired = "supervision.note-required"
        case noteTooLong = "supervision.note-too-long"
        case alreadyReviewed = "supervision.already-reviewed"
        case unknownCall = "supervision.unknown-call"
        case badRequest = "supervision.bad-request"
    }

    static func supervisionRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, SupervisionCode.badRequest, chinese, english)
    }

    init(_ error: SupervisionError) {
        switch error {
        case .ownCall: self.init(.forbidden, SupervisionCode.ownCall, "不能审核本人的插号呼叫", "Nobody reviews their own out-of-turn call")
        case .noteRequired: self.init(.badRequest, SupervisionCode.noteRequired, "存疑须写明理由", "A flag says why")
        case .noteTooLong(let max):
            self.init(.badRequest, SupervisionCode.noteTooLong, "说明不能超过\(max)字", "The note is longer than \(max) characters")
        case .alreadyReviewed: self.init(.conflict, SupervisionCode.alreadyReviewed, "该呼叫已审核", "The call was reviewed already")
        case .unknownCall: self.init(.notFound, SupervisionCode.unknownCall, "没有此插号呼叫", "No such out-of-turn call")
        }
    }
}

/// Inspections (监督检查): every code the API answers with for them, and the mapping of `InspectionError` and
/// `InspectionRecordError`.
extension APIError {
    enum InspectionCode: String, APIErrorCode {
        case tooFewInspectors = "inspection.too-few-inspectors"
        case selfInspection = "inspection.self-inspection"
        case noWindows = "inspection.no-windows"
        case windowNotInspected = "inspection.window-not-inspected"
        case noteRequired = "inspection.note-required"
        case noteTooLong = "inspection.note-too-long"
        case deadlineOutOfRange = "inspection.deadline-out-of-range"
        case unknown = "inspection.unknown"
        case unknownOfficer = "inspection.unknown-officer"
        case unknownWindow = "inspection.unknown-window"
        case notOwner = "inspection.not-owner"
        case alreadyClosed = "inspection.already-closed"
        case badRequest = "inspection.bad-request"
    }

    static func inspectionRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, InspectionCode.badRequest, chinese, english)
    }

    init(_ error: InspectionError) {
        switch error {
        case .tooFewInspectors:
            self.init(.badRequest, InspectionCode.tooFewInspectors, "监督检查须由2名以上检查人进行", "An inspection needs at least two inspectors")
        case .selfInspection(let badge):
            self.init(.forbidden, InspectionCode.selfInspection, "检查人\(badge)在被检查之列，不能检查自己", "Inspector \(badge) is among those inspected")
        case .noWindows: self.init(.badRequest, InspectionCode.noWindows, "请填写被检查的窗口（1至999）", "Name the windows inspected (1 to 999)")
        case .windowNotInspected(let number):
            self.init(.badRequest, InspectionCode.windowNotInspected, "\(number)号窗口不在本次检查之列", "Window \(number) is not among those inspected")
        case .noteRequired(let item):
            self.init(.badRequest, InspectionCode.noteRequired, "请写明发现的问题（\(item.label)）", "Describe the finding (\(item.rawValue))")
        case .noteTooLong(let max): self.init(.badRequest, InspectionCode.noteTooLong, "问题描述不能超过\(max)字", "A finding is at most \(max) characters")
        case .deadlineOutOfRange:
            self.init(.badRequest, InspectionCode.deadlineOutOfRange, "整改期限应为1至60个工作日", "A follow-up is due in 1 to 60 working days")
        }
    }

    init(_ error: InspectionRecordError) {
        switch error {
        case .unknown: self.init(.notFound, InspectionCode.unknown, "没有此检查问题", "No such inspection finding")
        case .unknownOfficer(let badge):
            self.init(.unprocessableContent, InspectionCode.unknownOfficer, "没有警号为\(badge)的民警", "No officer has badge \(badge)")
        case .unknownWindow(let number): self.init(.unprocessableContent, InspectionCode.unknownWindow, "没有\(number)号窗口", "No window \(number)")
        case .notOwner: self.init(.forbidden, InspectionCode.notOwner, "只有整改责任人或督察可以销号", "Only the owner or a supervisor closes a finding")
        case .alreadyClosed: self.init(.conflict, InspectionCode.alreadyClosed, "该问题已整改销号", "The finding is closed already")
        }
    }
}

/// Spot-checks (抽查): every code the API answers with for them, and the mapping of `SpotCheckError` and
/// `SpotCheckRecordError`.
extension APIError {
    enum SpotCheckCode: String, APIErrorCode {
        case countOutOfRange = "spot-check.count-out-of-range"
        case ownCase = "spot-check.own-case"
        case noteRequired = "spot-check.note-required"
        case noteTooLong = "spot-check.note-too-long"
        case unknown = "spot-check.unknown"
        case alreadyReviewed = "spot-check.already-reviewed"
        case badRequest = "spot-check.bad-request"
    }

    static func spotCheckRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, SpotCheckCode.badRequest, chinese, english)
    }

    init(_ error: SpotCheckError) {
        switch error {
        case .countOutOfRange(let max):
            self.init(.badRequest, SpotCheckCode.countOutOfRange, "抽查件数应为1至\(max)件", "A spot-check draws 1 to \(max) cases")
        case .ownCase: self.init(.forbidden, SpotCheckCode.ownCase, "不能抽查本人经办的案件", "Nobody reviews a case they handled")
        case .noteRequired: self.init(.badRequest, SpotCheckCode.noteRequired, "发现问题须写明情况", "A problem found says what it is")
        case .noteTooLong(let max): self.init(.badRequest, SpotCheckCode.noteTooLong, "说明不能超过\(max)字", "The note is longer than \(max) characters")
        }
    }

    init(_ error: SpotCheckRecordError) {
        switch error {
        case .unknown: self.init(.notFound, SpotCheckCode.unknown, "没有此抽查记录", "No such spot-check")
        case .alreadyReviewed: self.init(.conflict, SpotCheckCode.alreadyReviewed, "该案件已抽查评查", "The case was reviewed already")
        }
    }
}
