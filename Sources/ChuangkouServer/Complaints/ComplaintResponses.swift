import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A complaint as supervisors and duty leaders see it (never an officer it concerns: the repository hides it).
struct ComplaintResponse: ResponseEncodable, Decodable {
    struct Line: Codable {
        let code: String
        let label: String
        let labelEnglish: String
        let by: String?
        let at: Date
    }

    struct Subject: Codable {
        let kind: String
        let ref: String?
    }

    struct Answer: Codable {
        let text: String
        let finding: String?
        let against: String?
        let by: String
        let at: Date
    }

    struct Extension: Codable {
        let days: Int
        let reason: String
        let approvedBy: String
    }

    let id: String
    let channel: String
    let recordedBy: String?
    let transferNumber: String?
    let subject: Subject
    let text: String
    let ticket: String?
    let `case`: String?
    let anonymous: Bool
    let phoneMasked: String?
    let concerned: [String]
    let stage: String
    let state: String
    let stateLabel: String
    let stateLabelEnglish: String
    let receivedOn: String
    let acknowledgeDue: String
    let answerDue: String
    let handler: String?
    let extensionGranted: Extension?
    let answers: [Answer]
    let satisfied: Bool?
    let reopenedOn: String?
    let history: [Line]

    init(_ record: ComplaintRepository.Record, status: Complaint.Status) {
        let c = record.complaint
        id = c.id.description
        channel = c.channel.rawValue
        recordedBy = c.recordedBy?.value
        transferNumber = c.transferNumber
        let ref: String? =
            switch c.subject {
            case .officer(let badge): badge.value
            case .window(let number): number.description
            case .business(let code): code.value
            case .caseFile(let id): id.description
            case .hall: nil
            }
        subject = Subject(kind: c.subject.kind, ref: ref)
        text = c.text
        ticket = c.ticket?.description
        self.case = c.caseFile?.description
        anonymous = !c.hasContact
        phoneMasked = record.phoneMasked
        concerned = c.concerned.map(\.value)
        stage = c.stage.rawValue
        state = status.state.rawValue
        stateLabel = status.state.label
        stateLabelEnglish = status.state.labelEnglish
        receivedOn = c.receivedOn.description
        acknowledgeDue = status.acknowledgeDue.description
        answerDue = status.answerDue.description
        handler = c.handler?.value
        extensionGranted = c.extensionGranted.map { Extension(days: $0.days, reason: $0.reason, approvedBy: $0.approvedBy.value) }
        answers = c.answers.map { Answer(text: $0.text, finding: $0.finding?.rawValue, against: $0.against?.value, by: $0.by.value, at: $0.at) }
        satisfied = c.satisfied
        reopenedOn = c.reopenedOn?.description
        history = record.history.map { Line(code: $0.code, label: $0.label, labelEnglish: $0.labelEnglish, by: $0.by?.value, at: $0.at) }
    }
}

struct ComplaintsResponse: ResponseEncodable, Decodable {
    let complaints: [ComplaintResponse]
}

/// What filing answers: the complainant keeps the query code (none when anonymous).
struct FiledComplaintResponse: ResponseEncodable, Decodable {
    let id: String
    let queryCode: String?
    let anonymous: Bool
    let acknowledgeDue: String
    let answerDue: String
}

/// What the complainant sees with the query code: no personal data, no names of officers.
struct ComplaintQueryResponse: ResponseEncodable, Decodable {
    struct Answer: Codable {
        let text: String
        let at: Date
    }

    let stage: String
    let stageLabel: String
    let stageLabelEnglish: String
    let receivedOn: String
    let answerDue: String
    let answers: [Answer]
    let satisfied: Bool?
    let canRate: Bool
    let canReopen: Bool

    init(_ record: ComplaintRepository.Record, policy: Complaint.Policy) {
        let c = record.complaint
        stage = c.stage.rawValue
        (stageLabel, stageLabelEnglish) =
            switch c.stage {
            case .received: ("已收到，待受理", "Received")
            case .investigating: (c.reopenedOn == nil ? "办理中" : "复查中", c.reopenedOn == nil ? "Being investigated" : "Under review")
            case .answered: ("已答复", "Answered")
            case .closed: ("已办结", "Closed")
            }
        receivedOn = c.receivedOn.description
        answerDue = (try? c.answerDue(policy: policy).description) ?? ""
        answers = c.answers.map { Answer(text: $0.text, at: $0.at) }
        satisfied = c.satisfied
        canRate = c.stage == .answered && c.satisfied == nil
        canReopen = c.hasContact && c.reopenedOn == nil && ((c.stage == .answered && c.satisfied == nil) || c.satisfied == false)
    }
}

/// An officer's record of complaint findings.
struct OfficerFindingsResponse: ResponseEncodable, Decodable {
    struct Finding: Codable {
        let complaint: String
        let finding: String
        let label: String
        let counts: Bool
        let at: Date
    }

    let officer: String
    /// Substantiated in whole or part.
    let counted: Int
    let findings: [Finding]
}
