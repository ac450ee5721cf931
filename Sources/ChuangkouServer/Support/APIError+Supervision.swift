import ChuangkouCore
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
