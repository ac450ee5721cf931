import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

/// Every refusal of every case event, as a table: the event, the error it must throw, and the file left unchanged.
@Suite("Case file refusals")
struct CaseFileRefusalTests {
    typealias F = FileFixture

    /// The error a row expects; the three error types of a case, compared as values.
    enum Expected: Sendable, Equatable {
        case caseError(CaseError)
        case intake(IntakeError)
        case notice(NoticeError)

        init?(_ error: any Error) {
            switch error {
            case let e as CaseError: self = .caseError(e)
            case let e as IntakeError: self = .intake(e)
            case let e as NoticeError: self = .notice(e)
            default: return nil
            }
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let start: CaseFile
        let expected: Expected
        let event: @Sendable (inout CaseFile) throws -> [CaseEffect]

        var testDescription: String { name }
    }

    static func intake(
        _ file: CaseFile,
        commitmentSigned: Bool = false,
        supplementDue: String? = nil,
        refusal: CaseFile.Refusal? = nil,
        by officer: Officer = F.officer,
        guide: Guide = F.permit
    ) -> @Sendable (inout CaseFile) throws -> [CaseEffect] {
        { file in
            try file.decideIntake(
                commitmentSigned: commitmentSigned,
                supplementDue: supplementDue.flatMap(LocalDate.init),
                refusal: refusal,
                guide: guide,
                by: officer,
                newClock: F.clockID,
                F.received
            )
        }
    }

    static let mail = Delivery(method: .mail, address: " ", proxyName: nil, proxyIDNumber: nil, mobilityImpaired: false)
    static let proxyWithoutName = Delivery(method: .proxy, address: nil, proxyName: nil, proxyIDNumber: nil, mobilityImpaired: false)
    static let proxyWithoutID = Delivery(method: .proxy, address: nil, proxyName: "赵六", proxyIDNumber: nil, mobilityImpaired: false)
    static let pickup = Delivery(method: .pickup, address: nil, proxyName: nil, proxyIDNumber: nil, mobilityImpaired: false)
    static let seal = CaseFixture.sealFiling
    static let completed = F.decided(seal, F.complete(seal), applicant: CaseFixture.organisation())

    static let refusals: [Refusal] = [
        // Checklist
        Refusal(name: "an administrator checks materials", start: F.opened(), expected: .caseError(.officerMayNotHandle)) {
            try $0.check([(0, .missing)], by: F.admin)
        },
        Refusal(name: "a check after acceptance", start: F.accepted, expected: .caseError(.wrongStage(.accepted))) {
            try $0.check([(0, .missing)], by: F.officer)
        },
        Refusal(name: "a re-check finds a problem the notice does not list", start: F.awaitingSupplement, expected: .notice(.notOnNotice(index: 0))) {
            try $0.check([(0, .missing)], by: F.officer)
        },
        Refusal(name: "a main material deferred", start: F.opened(), expected: .intake(.notDeferrable(material: "申请表"))) {
            try $0.check([(0, .deferred)], by: F.officer)
        },
        Refusal(name: "a material the guide does not have", start: F.opened(), expected: .intake(.unknownMaterial(index: 9))) {
            try $0.check([(9, .missing)], by: F.officer)
        },
        // Intake
        Refusal(
            name: "an administrator decides intake",
            start: F.checked(F.complete(F.permit)),
            expected: .caseError(.officerMayNotHandle),
            event: intake(F.accepted, by: F.admin)
        ),
        Refusal(name: "intake decided twice", start: F.accepted, expected: .caseError(.wrongStage(.accepted)), event: intake(F.accepted)),
        Refusal(
            name: "a refusal without a reason",
            start: F.checked(F.complete(F.permit)),
            expected: .caseError(.reasonRequired),
            event: intake(F.accepted, refusal: .init(reason: "  ", legalBasis: []))
        ),
        Refusal(
            name: "intake with materials unchecked",
            start: F.opened(),
            expected: .intake(.materialsUnchecked(["申请表", "运输车辆行驶证", "押运人员证明", "运输路线图"])),
            event: intake(F.accepted)
        ),
        Refusal(
            name: "a 容缺 deadline after the promised date",
            start: F.checked(F.complete(F.permit, except: [3: .deferred])),
            expected: .caseError(.supplementDueTooLate(promisedDue: LocalDate("2026-03-17")!)),
            event: intake(F.accepted, commitmentSigned: true, supplementDue: "2026-03-18")
        ),
        Refusal(
            name: "a 容缺 deadline in the past",
            start: F.checked(F.complete(F.permit, except: [3: .deferred])),
            expected: .caseError(.supplementDueInPast),
            event: intake(F.accepted, commitmentSigned: true, supplementDue: "2026-03-02")
        ),
        Refusal(
            name: "an organisation whose agent's authorisation was not seen",
            start: F.checked(F.complete(seal), guide: seal, applicant: CaseFixture.organisation(authorisationSeen: false)),
            expected: .intake(.authorisationNotSeen),
            event: intake(F.accepted, guide: seal)
        ),
        Refusal(
            name: "a second notice",
            start: F.checked(F.complete(F.permit, except: [1: .missing])).noticed(),
            expected: .notice(.alreadyIssued),
            event: intake(F.accepted)
        ),
        // The one-time rule
        Refusal(name: "asking for an item not on the notice", start: F.awaitingSupplement, expected: .notice(.notOnNotice(index: 3))) {
            try $0.requestItem(3, by: F.officer, F.received)
        },
        Refusal(name: "asking for an item before any notice", start: F.opened(), expected: .caseError(.wrongStage(.intake))) {
            try $0.requestItem(1, by: F.officer, F.received)
        },
        Refusal(name: "an administrator asks for an item", start: F.awaitingSupplement, expected: .caseError(.officerMayNotHandle)) {
            try $0.requestItem(1, by: F.admin, F.received)
        },
        Refusal(name: "a correction approved by a window officer", start: F.awaitingSupplement, expected: .notice(.correctionNeedsDutyLeader)) {
            try $0.correctNotice(adding: [(3, .missing)], reason: "漏告知", approvedBy: F.officer, guide: F.permit, F.received)
        },
        Refusal(
            name: "a correction adding a material the guide does not have",
            start: F.awaitingSupplement,
            expected: .intake(.unknownMaterial(index: 7))
        ) {
            try $0.correctNotice(adding: [(7, .missing)], reason: "漏告知", approvedBy: F.leader, guide: F.permit, F.received)
        },
        Refusal(name: "a correction without a reason", start: F.awaitingSupplement, expected: .notice(.blankReason)) {
            try $0.correctNotice(adding: [(3, .missing)], reason: " ", approvedBy: F.leader, guide: F.permit, F.received)
        },
        Refusal(name: "a correction after acceptance", start: F.accepted, expected: .caseError(.wrongStage(.accepted))) {
            try $0.correctNotice(adding: [(3, .missing)], reason: "漏告知", approvedBy: F.leader, guide: F.permit, F.received)
        },
        // Supplements
        Refusal(name: "receiving an item the notice does not list", start: F.awaitingSupplement, expected: .notice(.notOnNotice(index: 0))) {
            try $0.receiveSupplements([0], guide: F.permit, by: F.officer, newClock: F.clockID, F.received)
        },
        Refusal(name: "receiving an item that was not deferred", start: F.acceptedWithDeferral, expected: .caseError(.notExpected(index: 1))) {
            try $0.receiveSupplements([1], guide: F.permit, by: F.officer, newClock: F.clockID, F.received)
        },
        Refusal(name: "receiving on an accepted case with nothing deferred", start: F.accepted, expected: .caseError(.wrongStage(.accepted))) {
            try $0.receiveSupplements([3], guide: F.permit, by: F.officer, newClock: F.clockID, F.received)
        },
        Refusal(name: "receiving on a completed case", start: completed, expected: .caseError(.wrongStage(.completed))) {
            try $0.receiveSupplements([0], guide: seal, by: F.officer, newClock: F.clockID, F.received)
        },
        Refusal(name: "an administrator receives materials", start: F.awaitingSupplement, expected: .caseError(.officerMayNotHandle)) {
            try $0.receiveSupplements([1], guide: F.permit, by: F.admin, newClock: F.clockID, F.received)
        },
        // Approval steps
        Refusal(name: "a blank opinion", start: F.accepted, expected: .caseError(.blankOpinion)) {
            try $0.recordStep(2, opinion: "  ", approve: true, by: F.officer, F.received)
        },
        Refusal(name: "a step out of order", start: F.accepted, expected: .caseError(.stepOutOfOrder(expected: 2))) {
            try $0.recordStep(3, opinion: "同意", approve: true, by: F.leader, F.received)
        },
        Refusal(name: "a step the guide does not have", start: F.accepted, expected: .caseError(.unknownStep(9))) {
            try $0.recordStep(9, opinion: "同意", approve: true, by: F.officer, F.received)
        },
        Refusal(name: "the review step by the officer who accepted the case (four eyes)", start: F.accepted, expected: .caseError(.reviewByAccepter))
        {
            try $0.recordStep(2, opinion: "符合条件", approve: true, by: F.officer, F.received)
        },
        Refusal(name: "a check of the materials by an officer who does not hold the case", start: F.opened(), expected: .caseError(.notHolder)) {
            try $0.check([(0, .missing)], by: F.reviewer)
        },
        Refusal(name: "the decision by a leader who did not take the approval step", start: F.approved(), expected: .caseError(.decisionByOther)) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.otherLeader, F.received)
        },
        Refusal(name: "the leader's step by a window officer", start: F.accepted.reviewed(), expected: .caseError(.stepNeedsLeader)) {
            try $0.recordStep(3, opinion: "同意", approve: true, by: F.officer, F.received)
        },
        Refusal(name: "a step before acceptance", start: F.opened(), expected: .caseError(.wrongStage(.intake))) {
            try $0.recordStep(2, opinion: "同意", approve: true, by: F.officer, F.received)
        },
        Refusal(name: "the 受理 step again after a grant", start: F.approved().granted(), expected: .caseError(.wrongStage(.granted))) {
            try $0.recordStep(1, opinion: "同意", approve: true, by: F.officer, F.received)
        },
        // Decision
        Refusal(name: "a decision before the review and approval", start: F.accepted, expected: .caseError(.stepsPending(["审核", "审批"]))) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.received)
        },
        Refusal(name: "a grant against the leader's opinion", start: F.approved(false), expected: .caseError(.decisionAgainstApproval)) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.received)
        },
        Refusal(name: "a denial without a reason", start: F.approved(false), expected: .caseError(.reasonRequired)) {
            try $0.decide(grant: false, reason: " ", legalBasis: [], guide: F.permit, by: F.leader, F.received)
        },
        Refusal(
            name: "a grant while 容缺 items are outstanding",
            start: F.approved(from: F.acceptedWithDeferral),
            expected: .caseError(.deferredOutstanding(["运输路线图"]))
        ) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.received)
        },
        Refusal(name: "a decision at intake", start: F.opened(), expected: .caseError(.wrongStage(.intake))) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.received)
        },
        Refusal(name: "an administrator decides", start: F.approved(), expected: .caseError(.officerMayNotHandle)) {
            try $0.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.admin, F.received)
        },
        // Delivery
        Refusal(name: "mail without an address", start: F.accepted, expected: .caseError(.deliveryIncomplete("address"))) {
            try $0.registerDelivery(mail, by: F.officer)
        },
        Refusal(name: "a proxy without a name", start: F.accepted, expected: .caseError(.deliveryIncomplete("proxyName"))) {
            try $0.registerDelivery(proxyWithoutName, by: F.officer)
        },
        Refusal(name: "a proxy without an ID number", start: F.accepted, expected: .caseError(.deliveryIncomplete("proxyIdNumber"))) {
            try $0.registerDelivery(proxyWithoutID, by: F.officer)
        },
        Refusal(name: "delivery of a case completed on the spot", start: completed, expected: .caseError(.wrongStage(.completed))) {
            try $0.registerDelivery(pickup, by: F.officer)
        },
        // The jobs
        Refusal(name: "deeming a case accepted before the deadline", start: F.opened(), expected: .caseError(.wrongStage(.intake))) {
            try $0.sweep(.deemAccepted, guide: F.permit, officer: F.officer, newClock: F.clockID, F.at("2026-03-10"))
        },
        Refusal(name: "terminating a 容缺 case before its date", start: F.acceptedWithDeferral, expected: .caseError(.wrongStage(.accepted))) {
            try $0.sweep(.terminate, guide: F.permit, officer: F.officer, newClock: F.clockID, F.at("2026-03-17"))
        },
    ]

    @Test("each refusal throws its error and leaves the case file as it was", arguments: refusals)
    func refused(_ row: Refusal) {
        var file = row.start
        do {
            let effects = try row.event(&file)
            Issue.record("\(row.name) was not refused: \(effects)")
        } catch {
            #expect(Expected(error) == row.expected, "\(row.name): \(error)")
        }
        #expect(file == row.start, "\(row.name) changed the file")
    }

    @Test("opening is refused for an administrator, a ticket not at the officer's window, a blank name and bad fields")
    func openRefusals() throws {
        func open(
            ticket: Ticket? = nil,
            applicant: Applicant = CaseFixture.person,
            fields: [String: String] = F.permitFields,
            by officer: Officer = F.officer
        )
            throws
        {
            _ = try CaseFile.open(
                id: F.caseID,
                queryCode: "ABCDEFGHJKMN",
                guide: F.version(F.permit),
                ticket: ticket,
                applicant: applicant,
                fields: fields,
                by: officer,
                F.received
            )
        }
        #expect(throws: CaseError.officerMayNotHandle) { try open(by: F.admin) }
        let waiting = Ticket(
            id: TicketID(UUID()),
            number: TicketNumber(prefix: TicketPrefix("T")!, sequence: 1),
            serviceDay: LocalDate("2026-03-03")!,
            issuedAt: F.received.now,
            business: F.permit.code
        )
        #expect(throws: CaseError.ticketNotAtWindow) { try open(ticket: waiting) }
        var elsewhere = waiting
        _ = try elsewhere.call(window: 2, by: CaseFixture.otherOfficer.badge, at: F.received.now)
        #expect(throws: CaseError.ticketNotAtWindow) { try open(ticket: elsewhere) }
        #expect(throws: IntakeError.blankName(.applicant)) {
            try open(applicant: .person(name: " ", idNumber: CaseFixture.idNumber, phone: CaseFixture.phone))
        }
        let problems = [
            "未知字段「colour」", "「运输数量」应为数字", "请填写「用途」", "「起运日期」应为日期 YYYY-MM-DD",
        ]
        #expect(throws: CaseError.fieldsInvalid(problems)) {
            try open(fields: ["colour": "red", "quantity": "fifty", "departure": "3月5日"])
        }
    }
}

extension CaseFile {
    /// This file with intake decided (a notice issued, for an incomplete checklist).
    fileprivate func noticed() -> CaseFile {
        var file = self
        _ = try! file.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: nil,
            guide: FileFixture.permit,
            by: FileFixture.officer,
            newClock: FileFixture.clockID,
            FileFixture.received
        )
        return file
    }

    /// This (accepted) file with 审核 taken, so the leader's step is next.
    fileprivate func reviewed() -> CaseFile {
        var file = self
        _ = try! file.recordStep(2, opinion: "符合条件", approve: true, by: FileFixture.reviewer, FileFixture.received)
        return file
    }

    /// This (approved) file granted.
    fileprivate func granted() -> CaseFile {
        var file = self
        _ = try! file.decide(grant: true, reason: nil, legalBasis: [], guide: FileFixture.permit, by: FileFixture.leader, FileFixture.received)
        return file
    }
}
