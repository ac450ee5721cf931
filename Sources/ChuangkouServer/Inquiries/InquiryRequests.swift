import ChuangkouCore
import ChuangkouStore
import Foundation

/// What the inquiry routes accept.
enum InquiryRequests {
    /// `{"business": "residence-permit"}` or `{"topic": "户口迁移"}`, `"question": "…"`, `"window": 3` (none: the
    /// desk), `"contact": "139…"` (optional), and `"resolution"` to close it at once.
    struct Record: Decodable {
        let business: String?
        let topic: String?
        let question: String
        let window: Int?
        let contact: String?
        let resolution: Resolution?

        func filing() throws -> (Inquiry.Filing, MobileNumber?) {
            let subject: Inquiry.Topic
            switch (business, topic) {
            case (let code?, nil):
                guard let checked = BusinessCode(code) else { throw APIError(InquiryRecordError.unknownBusiness) }
                subject = .business(checked)
            case (nil, let words?): subject = .other(words)
            default: throw APIError.inquiryRequest("business 与 topic 二选一", "Give either business or topic")
            }
            var phone: MobileNumber?
            if let contact, !contact.trimmingCharacters(in: .whitespaces).isEmpty {
                guard contact.count <= 20, let number = MobileNumber(contact) else { throw APIError.inquiryBadContact }
                phone = number
            }
            return (Inquiry.Filing(topic: subject, question: question, place: window.map { .window($0) } ?? .desk), phone)
        }
    }

    /// `{"kind": "answered", "answer": "…"}`, `{"kind": "notice", "business": "…"}` (the guide in force; default the
    /// inquiry's business is not known here, so it is named) or `{"kind": "referred", "body": "<id>"}`.
    struct Resolution: Decodable {
        let kind: String
        let answer: String?
        let business: String?
        let body: String?

        func resolution() throws -> InquiryRepository.Resolution {
            switch kind {
            case "answered":
                return .answered(answer ?? "")
            case "notice":
                guard let code = business.flatMap(BusinessCode.init) else { throw APIError(InquiryRecordError.unknownBusiness) }
                return .oneTimeNotice(code)
            case "referred":
                guard let id = body.flatMap(CompetentBody.ID.init) else { throw APIError.unknownCompetentBody }
                return .referred(id)
            default:
                throw APIError.inquiryRequest("kind 应为 answered、notice 或 referred", "kind is answered, notice or referred")
            }
        }
    }

    struct Handover: Decodable {
        let to: String
        let note: String?
    }

    /// `{"business": "…"}` (default: the inquiry's), `{"greenChannel": "elderly"}`.
    struct Ticket: Decodable {
        let business: String?
        let greenChannel: String?

        func parsed() throws -> (BusinessCode?, GreenChannel?) {
            let code = try business.map { text -> BusinessCode in
                guard let code = BusinessCode(text) else { throw APIError(InquiryRecordError.unknownBusiness) }
                return code
            }
            let green = try greenChannel.map { text -> GreenChannel in
                guard let reason = GreenChannel(rawValue: text) else { throw APIError.inquiryRequest("绿色通道原因有误", "Unknown green-channel reason") }
                return reason
            }
            return (code, green)
        }
    }

    /// A competent body for the directory.
    struct Body: Decodable {
        let name: String
        let address: String?
        let phone: String
        let handles: String
    }
}
