import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// An inquiry as the API shows it: the contact masked, free text already masked on input.
struct InquiryResponse: ResponseEncodable, Decodable {
    struct Handover: Codable {
        let to: String
        let requestedBy: String
        let requestedAt: Date
        let note: String
    }

    struct Outcome: Codable {
        let kind: String
        let label: String
        let answer: String?
        let business: String?
        let guideVersion: Int?
        let body: CompetentBodyResponse?
        let ticket: String?
        let ticketNumber: String?
        let `case`: String?
    }

    struct Line: Codable {
        let code: String
        let label: String
        let labelEnglish: String
        let by: String?
        let at: Date
    }

    let id: String
    let business: String?
    let topic: String?
    let question: String
    let window: Int?
    let firstOwner: String
    let owner: String
    let status: String
    let contact: String?
    let recordedAt: Date
    let serviceDay: String
    let handover: Handover?
    let outcome: Outcome?
    let closedBy: String?
    let closedAt: Date?
    let sentToDutyLeaderAt: Date?
    let history: [Line]

    init(_ record: InquiryRepository.Record) {
        let inquiry = record.inquiry
        id = inquiry.id.description
        switch inquiry.topic {
        case .business(let code): (business, topic) = (code.value, nil)
        case .other(let words): (business, topic) = (nil, words)
        }
        question = inquiry.question
        window = if case .window(let number) = inquiry.place { number } else { nil }
        firstOwner = inquiry.firstOwner.value
        owner = inquiry.owner.value
        status = inquiry.status.rawValue
        contact = record.contactMasked
        recordedAt = inquiry.recordedAt
        serviceDay = inquiry.serviceDay.description
        handover = inquiry.handover.map { .init(to: $0.to.value, requestedBy: $0.requestedBy.value, requestedAt: $0.requestedAt, note: $0.note) }
        outcome = inquiry.outcome.map(Self.outcome)
        closedBy = inquiry.closedBy?.value
        closedAt = inquiry.closedAt
        sentToDutyLeaderAt = inquiry.sentToDutyLeaderAt
        history = inquiry.history.map { .init(code: $0.code, label: $0.label, labelEnglish: $0.labelEnglish, by: $0.by?.value, at: $0.at) }
    }

    static func outcome(_ outcome: Inquiry.Outcome) -> Outcome {
        let label = Inquiry.outcomeLabel(outcome.kind)
        switch outcome {
        case .answered(let text):
            return .init(
                kind: outcome.kind,
                label: label,
                answer: text,
                business: nil,
                guideVersion: nil,
                body: nil,
                ticket: nil,
                ticketNumber: nil,
                case: nil
            )
        case .oneTimeNotice(let code, let version):
            return .init(
                kind: outcome.kind, label: label, answer: nil, business: code.value, guideVersion: version, body: nil, ticket: nil,
                ticketNumber: nil, case: nil
            )
        case .referred(let body):
            return .init(
                kind: outcome.kind, label: label, answer: nil, business: nil, guideVersion: nil,
                body: .init(id: body.id.description, name: body.name, address: body.address, phone: body.phone, handles: nil, retired: nil),
                ticket: nil, ticketNumber: nil, case: nil
            )
        case .ticket(let id, let number):
            return .init(
                kind: outcome.kind, label: label, answer: nil, business: nil, guideVersion: nil, body: nil, ticket: id.description,
                ticketNumber: number, case: nil
            )
        case .caseFile(let id):
            return .init(
                kind: outcome.kind, label: label, answer: nil, business: nil, guideVersion: nil, body: nil, ticket: nil, ticketNumber: nil,
                case: id.description
            )
        }
    }
}

struct InquiriesResponse: ResponseEncodable, Decodable {
    let inquiries: [InquiryResponse]
}

struct InquiryTicketResponse: ResponseEncodable {
    let inquiry: InquiryResponse
    let ticket: TicketResponse
}

struct CompetentBodyResponse: ResponseEncodable, Codable {
    let id: String
    let name: String
    let address: String
    let phone: String
    let handles: String?
    let retired: Bool?

    init(id: String, name: String, address: String, phone: String, handles: String?, retired: Bool?) {
        self.id = id
        self.name = name
        self.address = address
        self.phone = phone
        self.handles = handles
        self.retired = retired
    }

    init(_ entry: CompetentBodyDirectory.Entry) {
        self.init(
            id: entry.body.id.description,
            name: entry.body.name,
            address: entry.body.address,
            phone: entry.body.phone.value,
            handles: entry.body.handles,
            retired: entry.retired
        )
    }
}

struct CompetentBodiesResponse: ResponseEncodable, Decodable {
    let bodies: [CompetentBodyResponse]
}
