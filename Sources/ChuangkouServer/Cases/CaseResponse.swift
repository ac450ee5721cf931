import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A case as the API shows it to officers: its whole history. Personal numbers appear only masked.
struct CaseResponse: ResponseEncodable {
    struct ApplicantView: Encodable {
        let kind: String
        let name: String
        /// Masked ID number, or the organisation's credit code.
        let identifier: String
        let phone: String
        let legalRepresentative: String?
        let agentName: String?
        let agentIdentifier: String?
        let agentAuthorisationSeen: Bool?
    }

    struct EntryView: Encodable {
        let index: Int
        let material: String
        let requiredOriginals: Int
        let requiredCopies: Int
        let form: String
        let deferrable: Bool
        let essential: Bool
        let state: String
        let originals: Int?
        let copies: Int?
        let reason: String?
        let satisfied: Bool

        init(_ entry: Checklist.Entry) {
            index = entry.index
            material = entry.material.name
            requiredOriginals = entry.material.originals
            requiredCopies = entry.material.copies
            form = entry.material.form.rawValue
            deferrable = entry.material.deferrable
            essential = entry.material.essential
            satisfied = entry.isSatisfied
            switch entry.state {
            case .unchecked: (state, originals, copies, reason) = ("unchecked", nil, nil, nil)
            case .provided(let o, let c): (state, originals, copies, reason) = ("provided", o, c, nil)
            case .missing: (state, originals, copies, reason) = ("missing", nil, nil, nil)
            case .defective(let why): (state, originals, copies, reason) = ("defective", nil, nil, why)
            case .deferred: (state, originals, copies, reason) = ("deferred", nil, nil, nil)
            case .notApplicable(let why): (state, originals, copies, reason) = ("notApplicable", nil, nil, why)
            }
        }
    }

    struct ChecklistView: Encodable {
        let version: Int
        let recordedBy: String
        let recordedAt: Date
        let entries: [EntryView]
    }

    struct ItemView: Encodable {
        let index: Int
        let material: String
        let problem: String
        let reason: String?
        let text: String
        let textEnglish: String

        init(_ item: NoticeItem) {
            index = item.index
            material = item.material
            text = item.chinese
            textEnglish = item.english
            switch item.problem {
            case .missing: (problem, reason) = ("missing", nil)
            case .defective(let why): (problem, reason) = ("defective", why)
            case .short: (problem, reason) = ("short", nil)
            }
        }
    }

    struct NoticeView: Encodable {
        let issuedBy: String
        let issuedOn: String
        let items: [ItemView]
    }

    struct CorrectionView: Encodable {
        let items: [ItemView]
        let reason: String
        let approvedBy: String
        let correctedOn: String
    }

    struct BreachView: Encodable {
        let officer: String
        let noticeIssuedOn: String
        let recordedOn: String
        let items: [ItemView]
        let reason: String
        let approvedBy: String
    }

    struct StepView: Encodable {
        let position: Int
        let name: String
        let actor: String
        let assignee: String?
        let opinion: String?
        let approve: Bool?
        let decidedAt: Date?
    }

    struct DocumentView: Encodable {
        let id: String
        let kind: String
        let title: String
        let number: String
        let issuedAt: Date
        let issuedBy: String
        let reprints: Int
        let printURL: String

        init(_ document: CaseDocument) {
            id = document.id.uuidString.lowercased()
            kind = document.kind.rawValue
            title = document.kind.title
            number = document.number
            issuedAt = document.issuedAt
            issuedBy = document.issuedBy.value
            reprints = document.reprints
            printURL = "/documents/\(id)/print"
        }
    }

    struct DeferralView: Encodable {
        let items: [ItemView]
        let due: String
        let received: [Int]
    }

    struct DeliveryView: Encodable {
        let method: String
        let label: String
        let address: String?
        let proxyName: String?
        let proxyIdNumber: String?
        let mobilityImpaired: Bool
    }

    struct DecisionView: Encodable {
        let granted: Bool
        let reason: String?
        let legalBasis: [String]
        let decidedBy: String
        let decidedOn: String
    }

    struct EventView: Encodable {
        let action: String
        let officer: String?
        let at: Date
        let detail: String?
    }

    let id: String
    let queryCode: String
    let business: String
    let businessName: String
    let guideVersion: Int
    let kind: String
    let ticket: String?
    let window: WindowNumber?
    /// `window` or `on-site` (现场受理).
    let channel: String
    /// The on-site visit the case was opened on; null at a window.
    let onSiteVisit: String?
    let officer: String
    let stage: String
    let stageLabel: String
    let stageLabelEnglish: String
    let applicant: ApplicantView
    let fields: [String: String]
    let receivedOn: String
    let noticeDeadline: String
    let acceptedOn: String?
    let deemed: Bool
    let commitmentSigned: Bool
    let checklist: ChecklistView
    let checklistVersions: [ChecklistView]
    let notice: NoticeView?
    let corrections: [CorrectionView]
    let breaches: [BreachView]
    let stillMissing: [ItemView]
    let deferral: DeferralView?
    let steps: [StepView]
    let clock: DeadlineResponse?
    let documents: [DocumentView]
    /// The documents this request issued (on a change), to print at once.
    let issued: [DocumentView]
    let delivery: DeliveryView?
    let decision: DecisionView?
    let events: [EventView]

    init(_ history: CaseHistory, issued: [CaseDocument] = [], time: HallTime) {
        let record = history.record
        id = record.id.description
        queryCode = record.queryCode
        business = record.guide.code.value
        businessName = history.guide.name
        guideVersion = record.guide.version
        kind = history.guide.kind.rawValue
        ticket = record.ticket?.description
        window = record.window
        channel = record.channel.code
        onSiteVisit = record.channel.visit?.description
        officer = record.officer.value
        stage = record.stage.rawValue
        stageLabel = record.stage.label
        stageLabelEnglish = record.stage.labelEnglish
        switch record.applicant {
        case .person(let name, let idNumber, let phone):
            applicant = ApplicantView(
                kind: "person",
                name: name,
                identifier: idNumber.masked,
                phone: phone.masked,
                legalRepresentative: nil,
                agentName: nil,
                agentIdentifier: nil,
                agentAuthorisationSeen: nil
            )
        case .organisation(let name, let code, let representative, let agent):
            applicant = ApplicantView(
                kind: "organisation",
                name: name,
                identifier: code.value,
                phone: agent.phone.masked,
                legalRepresentative: representative,
                agentName: agent.name,
                agentIdentifier: agent.idNumber.masked,
                agentAuthorisationSeen: agent.authorisationSeen
            )
        }
        fields = record.fields.mapValues { Masking.maskPersonalNumbers(in: $0) }
        receivedOn = record.receivedOn.description
        noticeDeadline = record.ledger.noticeDeadline(calendar: time.calendar.calendar).value.description
        acceptedOn = record.acceptedOn?.description
        deemed = record.deemed
        commitmentSigned = record.commitmentSigned
        let versions = history.checklists.map {
            ChecklistView(
                version: $0.version,
                recordedBy: $0.recordedBy.value,
                recordedAt: $0.recordedAt,
                entries: $0.checklist.entries.map(EntryView.init)
            )
        }
        checklist =
            versions.last
            ?? ChecklistView(
                version: record.checklistVersion,
                recordedBy: record.officer.value,
                recordedAt: record.receivedAt,
                entries: record.checklist.entries.map(EntryView.init)
            )
        checklistVersions = versions
        notice = record.ledger.notice.map {
            NoticeView(issuedBy: $0.issuedBy.value, issuedOn: $0.issuedOn.description, items: $0.items.map(ItemView.init))
        }
        corrections = record.ledger.corrections.map {
            CorrectionView(
                items: $0.items.map(ItemView.init),
                reason: $0.reason,
                approvedBy: $0.approvedBy.value,
                correctedOn: $0.correctedOn.description
            )
        }
        breaches = record.ledger.breaches.map {
            BreachView(
                officer: $0.officer.value,
                noticeIssuedOn: $0.noticeIssuedOn.description,
                recordedOn: $0.recordedOn.description,
                items: $0.items.map(ItemView.init),
                reason: $0.reason,
                approvedBy: $0.approvedBy.value
            )
        }
        stillMissing = record.stillMissing.map(ItemView.init)
        deferral = record.deferral.map { DeferralView(items: $0.items.map(ItemView.init), due: $0.due.description, received: $0.received) }
        steps = history.steps.map {
            StepView(
                position: $0.position,
                name: $0.name,
                actor: $0.actor.rawValue,
                assignee: $0.assignee?.value,
                opinion: $0.opinion,
                approve: $0.approve,
                decidedAt: $0.decidedAt
            )
        }
        clock = history.clock.map { DeadlineResponse($0, status: time.status(of: $0), time: time) }
        documents = history.documents.map(DocumentView.init)
        self.issued = issued.map(DocumentView.init)
        delivery = record.delivery.map {
            DeliveryView(
                method: $0.method.rawValue,
                label: $0.label,
                address: $0.address,
                proxyName: $0.proxyName,
                proxyIdNumber: $0.proxyIDNumber?.masked,
                mobilityImpaired: $0.mobilityImpaired
            )
        }
        decision = record.decision.map {
            DecisionView(
                granted: $0.granted,
                reason: $0.reason,
                legalBasis: $0.legalBasis,
                decidedBy: $0.decidedBy.value,
                decidedOn: $0.decidedOn.description
            )
        }
        events = history.events.map { EventView(action: $0.action, officer: $0.officer?.value, at: $0.at, detail: $0.detail) }
    }
}

/// A document as JSON: its number and the facts it printed.
struct DocumentResponse: ResponseEncodable {
    let id: String
    let caseId: String
    let kind: String
    let number: String
    let issuedAt: Date
    let issuedBy: String
    let reprints: Int
    let printURL: String
    let facts: DocumentFacts

    init(_ document: CaseDocument) {
        id = document.id.uuidString.lowercased()
        caseId = document.caseID.description
        kind = document.kind.rawValue
        number = document.number
        issuedAt = document.issuedAt
        issuedBy = document.issuedBy.value
        reprints = document.reprints
        printURL = "/documents/\(id)/print"
        facts = document.facts
    }
}

/// What a citizen sees of a case: no personal data at all, only where it stands.
struct StatusResponse: ResponseEncodable {
    let business: String
    let businessEnglish: String
    let stage: String
    let stageLabel: String
    let stageLabelEnglish: String
    let receivedOn: String
    let acceptedOn: String?
    let promisedDue: String?
    let statutoryDue: String?
    let supplementDue: String?
    let missing: [String]
    let missingEnglish: [String]
    let supervisionPhones: [String]
    /// 一事一评: `notYet`, `open` (until `ratingUntil`), `rated` or `closed`.
    let rating: String
    let ratingUntil: Date?
}
