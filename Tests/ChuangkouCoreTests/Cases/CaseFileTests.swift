import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

/// The case file's events, fed in order without a database: what each changes and the effects it asks for.
@Suite("Case file events")
struct CaseFileTests {
    typealias F = FileFixture
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// The documents an event issues.
    func drafts(_ effects: [CaseEffect]) -> [DocumentDraft] {
        effects.compactMap { if case .issue(let draft) = $0 { draft } else { nil } }
    }

    func entries(_ effects: [CaseEffect]) -> [CaseHistoryEntry] {
        effects.compactMap { if case .history(let entry, _) = $0 { entry } else { nil } }
    }

    @Test("open: a walk-in is received today, pinned to the guide version, fields trimmed, materials unchecked")
    func openWalkIn() throws {
        let (file, effects) = try CaseFile.open(
            id: F.caseID,
            queryCode: "ABCDEFGHJKMN",
            guide: F.version(F.permit),
            ticket: nil,
            applicant: CaseFixture.person,
            fields: F.permitFields,
            by: F.officer,
            F.received
        )
        #expect(file.stage == .intake && file.receivedOn == day("2026-03-03") && file.receivedAt == F.received.now)
        #expect(file.guide == GuideReference(code: F.permit.code, version: 3))
        #expect(file.fields == ["quantity": "50", "purpose": "电镀"])
        #expect(file.checklist.unchecked.count == 4 && file.checklistVersion == 1 && file.ticket == nil)
        #expect(effects == [.keepChecklist(by: F.officer.badge), .history(.opened(ticket: nil), by: F.officer.badge)])
    }

    @Test("open for the ticket called to the officer's window keeps the ticket and the window")
    func openForTicket() throws {
        var ticket = Ticket(
            id: TicketID(UUID()),
            number: TicketNumber(prefix: TicketPrefix("T")!, sequence: 7),
            serviceDay: day("2026-03-03"),
            issuedAt: F.received.now,
            business: F.permit.code
        )
        _ = try ticket.call(window: 4, by: F.officer.badge, at: F.received.now)
        let (file, effects) = try CaseFile.open(
            id: F.caseID,
            queryCode: "ABCDEFGHJKMN",
            guide: F.version(F.permit),
            ticket: ticket,
            applicant: CaseFixture.person,
            fields: F.permitFields,
            by: F.officer,
            F.received
        )
        #expect(file.ticket == ticket.id && file.window == 4)
        #expect(entries(effects) == [.opened(ticket: ticket.id)])
    }

    @Test("check: each re-check is a new checklist version")
    func check() throws {
        var file = F.opened()
        let effects = try file.check([(0, .missing)], by: F.officer)
        #expect(file.checklistVersion == 2 && file.checklist.entries[0].state == .missing)
        #expect(effects == [.keepChecklist(by: F.officer.badge), .history(.checklist(version: 2), by: F.officer.badge)])
    }

    @Test("complete materials of a promised business: accepted today, the clock started, the steps laid out, a 受理通知书")
    func accept() throws {
        var file = F.checked(F.complete(F.permit))
        let effects = try file.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: nil,
            guide: F.permit,
            by: F.officer,
            newClock: F.clockID,
            F.received
        )
        #expect(file.stage == .accepted && file.acceptedOn == day("2026-03-03") && file.clock == F.clockID && !file.deemed)
        #expect(file.ledger.decidedOn == day("2026-03-03"))
        #expect(file.steps.map(\.name) == ["受理", "审核", "审批", "制证"])
        #expect(file.steps[0].isDone && file.steps[0].assignee == F.officer.badge)
        #expect(file.steps[0].opinion == "材料齐全，符合法定形式，予以受理")
        #expect(file.steps.dropFirst().allSatisfy { !$0.isDone })
        guard case .startClock(let start) = effects.first else {
            Issue.record("no clock: \(effects)")
            return
        }
        #expect(start.id == F.clockID && start.clock.acceptedOn == day("2026-03-03"))
        #expect(start.status.promisedDue == day("2026-03-17") && start.status.statutoryDue == day("2026-03-31"))
        #expect(start.subject == "张三 剧毒化学品道路运输通行证 ABCDEFGHJKMN")
        #expect(effects.contains(.layOutSteps))
        #expect(entries(effects) == [.accepted(.accepted, from: day("2026-03-03"))])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .acceptanceNotice && document.issuedBy == F.officer.badge)
        #expect(document.facts.title == "受理通知书" && document.facts.number.isEmpty)
        #expect(document.facts.promisedDue == day("2026-03-17") && document.facts.statutoryDue == day("2026-03-31"))
        #expect(document.facts.unit == F.hall.name && document.facts.supervisionPhones == ["12389", "0551-66668888"])
        #expect(document.facts.applicantIdentifier == CaseFixture.idNumber.masked && document.facts.guideVersion == 3)
        #expect(document.facts.fields.map(\.label) == ["运输数量", "用途"])
        let dues = "承诺办结日期：2026-03-17；法定办结期限届满日：2026-03-31（按工作日计算）。"
        #expect(document.facts.paragraphs.last == dues)
    }

    @Test("complete materials of an immediate business: completed on the spot with a 办结通知书, no clock")
    func completeImmediate() throws {
        let guide = CaseFixture.sealFiling
        var file = F.checked(F.complete(guide), guide: guide, applicant: CaseFixture.organisation())
        let effects = try file.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: nil,
            guide: guide,
            by: F.officer,
            newClock: F.clockID,
            F.received
        )
        #expect(file.stage == .completed && file.acceptedOn == day("2026-03-03") && file.clock == nil)
        #expect(entries(effects) == [.completed])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .completionReceipt && document.facts.agentName == "王五")
        #expect(
            document.facts.paragraphs == [
                "您申请办理的「公章刻制备案」材料齐全、符合法定形式，已当场办结。",
                "本通知书同时作为办结回执。",
            ]
        )
    }

    @Test("incomplete materials: a 一次性告知书 listing every missing or defective item, the case waiting for them")
    func oneTimeNotice() throws {
        let file = F.awaitingSupplement
        #expect(file.stage == .awaitingSupplement && file.ledger.notice?.items.map(\.index) == [1, 2])
        #expect(file.stillMissing.map(\.index) == [1, 2])
        var again = F.checked(F.complete(F.permit, except: [1: .missing]))
        let effects = try again.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: nil,
            guide: F.permit,
            by: F.officer,
            newClock: F.clockID,
            F.received
        )
        #expect(entries(effects) == [.notice(materials: ["运输车辆行驶证"])])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .oneTimeNotice)
        #expect(document.facts.items == ["运输车辆行驶证：未提交。须提交原件1份、复印件1份（纸质）。"])
        #expect(!effects.contains { if case .startClock = $0 { true } else { false } })
    }

    @Test("容缺: accepted with the commitment, the item due by the promised date unless an earlier one is given")
    func acceptWithDeferral() throws {
        let file = F.acceptedWithDeferral
        #expect(file.stage == .accepted && file.commitmentSigned)
        #expect(file.deferral?.due == day("2026-03-17") && file.deferral?.outstanding.map(\.index) == [3])
        #expect(file.stillMissing.map(\.material) == ["运输路线图"])
        let earlier = F.decided(F.permit, F.complete(F.permit, except: [3: .deferred]), commitmentSigned: true, supplementDue: day("2026-03-10"))
        #expect(earlier.deferral?.due == day("2026-03-10"))
    }

    @Test("an officer's refusal, or an applicant the business does not admit: 不予受理 with the basis and the remedies")
    func refuse() throws {
        var file = F.checked(F.complete(F.permit))
        let effects = try file.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: .init(reason: "  不符合条件 ", legalBasis: ["《条例》第一条"]),
            guide: F.permit,
            by: F.officer,
            newClock: F.clockID,
            F.received
        )
        #expect(file.stage == .notAccepted && file.decision?.reason == "不符合条件" && file.decision?.granted == false)
        #expect(entries(effects) == [.notAccepted(reason: "不符合条件")])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .refusalNotice && document.facts.legalBasis == ["《条例》第一条"])
        #expect(document.facts.remedies == DocumentDraft.remedies && document.facts.reason == "不符合条件")

        let toxic = CaseFixture.toxicPermit
        var person = F.checked(F.complete(toxic), guide: toxic, applicant: CaseFixture.person)
        let refused = try person.decideIntake(
            commitmentSigned: false,
            supplementDue: nil,
            refusal: nil,
            guide: toxic,
            by: F.officer,
            newClock: F.clockID,
            F.received
        )
        #expect(person.stage == .notAccepted && person.decision?.reason == CaseFixture.toxicRestriction)
        #expect(drafts(refused).first?.facts.legalBasis == ["《危险化学品安全管理条例》第三十八条"])
    }

    @Test("request: a listed item may be asked for again")
    func request() throws {
        var file = F.awaitingSupplement
        let effects = try file.requestItem(1, by: F.officer, F.at("2026-03-04"))
        #expect(effects == [.history(.requested(index: 1), by: F.officer.badge)])
    }

    @Test("correction: items added with the duty leader's approval are a breach against the notice's officer")
    func correct() throws {
        var file = F.awaitingSupplement
        let effects = try file.correctNotice(adding: [(3, .missing)], reason: "漏告知", approvedBy: F.leader, guide: F.permit, F.at("2026-03-04"))
        #expect(file.ledger.items.map(\.index) == [1, 2, 3] && file.checklist.entries[3].state == .missing && file.checklistVersion == 3)
        let breach = try #require(file.ledger.breaches.last)
        #expect(breach.officer == F.officer.badge && breach.approvedBy == F.leader.badge)
        #expect(effects.prefix(2) == [.keepChecklist(by: F.leader.badge), .history(.breach(breach), by: F.officer.badge)])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .noticeCorrection && document.issuedBy == F.leader.badge && document.facts.reason == "漏告知")
        #expect(document.facts.paragraphs.first?.hasPrefix("本机关于2026-03-03出具的一次性告知书遗漏了下列材料") == true)
    }

    @Test("supplements: once everything listed has arrived the case is accepted from that day")
    func supplements() throws {
        var file = F.awaitingSupplement
        let partly = try file.receiveSupplements([1], guide: F.permit, by: F.officer, newClock: F.clockID, F.at("2026-03-05"))
        #expect(file.stage == .awaitingSupplement && entries(partly) == [.supplied(indices: [1])])
        let rest = try file.receiveSupplements([2], guide: F.permit, by: F.officer, newClock: F.clockID, F.at("2026-03-06"))
        #expect(file.stage == .accepted && file.acceptedOn == day("2026-03-06") && file.checklistVersion == 4)
        #expect(entries(rest) == [.supplied(indices: [2]), .accepted(.accepted, from: day("2026-03-06"))])
        #expect(drafts(rest).map(\.kind) == [.acceptanceNotice])
    }

    @Test("supplements after 容缺 acceptance: the item is received, the case stays accepted")
    func deferredSupplement() throws {
        var file = F.acceptedWithDeferral
        let effects = try file.receiveSupplements([3], guide: F.permit, by: F.officer, newClock: F.clockID, F.at("2026-03-05"))
        #expect(file.stage == .accepted && file.deferral?.received == [3] && file.stillMissing.isEmpty)
        #expect(drafts(effects).isEmpty && entries(effects) == [.supplied(indices: [3])])
    }

    @Test("steps: taken in order, the leader's by the duty leader; after a grant the later steps still follow")
    func steps() throws {
        var file = F.accepted
        let effects = try file.recordStep(2, opinion: " 符合条件 ", approve: true, by: F.reviewer, F.at("2026-03-04"))
        #expect(file.steps[1].isDone && file.steps[1].opinion == "符合条件" && file.steps[1].assignee == F.reviewer.badge)
        #expect(effects == [.recordStep(position: 2), .history(.step(position: 2, name: "审核", opinion: "符合条件"), by: F.reviewer.badge)])
        _ = try file.recordStep(3, opinion: "同意", approve: true, by: F.leader, F.at("2026-03-04"))
        _ = try file.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.at("2026-03-05"))
        _ = try file.recordStep(4, opinion: "已制证", approve: true, by: F.officer, F.at("2026-03-06"))
        #expect(file.stage == .granted && file.steps.allSatisfy(\.isDone))
    }

    @Test("decide: a grant follows the leader, stops the clock, issues the decision and tells the applicant")
    func grant() throws {
        var file = F.approved()
        _ = try file.registerDelivery(
            Delivery(method: .mail, address: "东湖路2号", proxyName: nil, proxyIDNumber: nil, mobilityImpaired: false),
            by: F.officer
        )
        let effects = try file.decide(grant: true, reason: nil, legalBasis: [], guide: F.permit, by: F.leader, F.at("2026-03-05"))
        #expect(file.stage == .granted && file.decision?.legalBasis == ["《危险化学品安全管理条例》第五十条"])
        #expect(effects.first == .stopClock(F.clockID))
        #expect(entries(effects) == [.decided(granted: true, reason: nil)])
        #expect(drafts(effects).map(\.kind) == [.grantDecision])
        let text =
            "【东湖区公安分局政务服务窗口】您申请的剧毒化学品道路运输通行证已办理完毕（准予许可），"
            + "领取方式：邮寄送达。查询码ABCDEFGHJKMN。"
        guard case .notifyApplicant(let kind, let values) = effects.last else {
            Issue.record("the applicant is told")
            return
        }
        #expect(kind == .caseResultReady && MessageTemplate.shipped(kind, .chinese).render(values) == text)
    }

    @Test("decide: a denial gives the reason and the remedies")
    func deny() throws {
        var file = F.approved(false)
        let reason = "车辆不符合要求"
        let effects = try file.decide(grant: false, reason: reason, legalBasis: ["《条例》第二条"], guide: F.permit, by: F.leader, F.received)
        #expect(file.stage == .denied && file.decision?.legalBasis == ["《条例》第二条"])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .denialDecision && document.facts.remedies == DocumentDraft.remedies && document.facts.reason == reason)
    }

    @Test("delivery: registered on an accepted case")
    func delivery() throws {
        var file = F.accepted
        let proxy = Delivery(method: .proxy, address: nil, proxyName: "赵六", proxyIDNumber: CaseFixture.agentIDNumber, mobilityImpaired: true)
        let effects = try file.registerDelivery(proxy, by: F.officer)
        #expect(file.delivery == proxy && effects == [.history(.delivery(.proxy), by: F.officer.badge)])
    }

    @Test("sweep: warned the working day before the notice deadline, once; deemed accepted from receipt after it")
    func deemed() throws {
        var file = F.opened()
        #expect(file.sweepDecision(F.at("2026-03-06")) == nil)
        let warning = SweepDecision.warnOfficer(deadline: day("2026-03-10"))
        #expect(file.sweepDecision(F.at("2026-03-09")) == warning)
        let warned = try file.sweep(warning, guide: F.permit, officer: F.officer, newClock: F.clockID, F.at("2026-03-09"))
        #expect(file.noticeWarned && file.sweepDecision(F.at("2026-03-10")) == nil)
        let subject = "查询码ABCDEFGHJKMN：2026-03-10前须作出受理决定或一次性告知，否则依法视为受理"
        #expect(
            warned == [
                .notifyOfficer(kind: "case.notice-deadline", subject: subject, payload: ["case": F.caseID.description, "deadline": "2026-03-10"])
            ]
        )
        #expect(file.sweepDecision(F.at("2026-03-11")) == .deemAccepted)
        let effects = try file.sweep(.deemAccepted, guide: F.permit, officer: F.officer, newClock: F.clockID, F.at("2026-03-11"))
        #expect(file.stage == .accepted && file.deemed && file.acceptedOn == day("2026-03-03"))
        #expect(file.steps[0].opinion == "依法视为受理（未在法定期限内一次性告知）")
        #expect(entries(effects) == [.accepted(.deemed, from: day("2026-03-03"))])
        let document = try #require(drafts(effects).first)
        #expect(document.facts.deemed)
        #expect(document.facts.paragraphs.first?.contains("自收到申请材料之日（2026-03-03）起即为受理") == true)
    }

    @Test("sweep: a 容缺 case whose items did not come by the date is terminated with a notice")
    func terminate() throws {
        var file = F.acceptedWithDeferral
        #expect(file.sweepDecision(F.at("2026-03-17")) == nil)
        #expect(file.sweepDecision(F.at("2026-03-18")) == .terminate)
        let effects = try file.sweep(.terminate, guide: F.permit, officer: F.officer, newClock: F.clockID, F.at("2026-03-18"))
        #expect(file.stage == .terminated && effects.first == .stopClock(F.clockID))
        #expect(entries(effects) == [.terminated])
        let document = try #require(drafts(effects).first)
        #expect(document.kind == .terminationNotice && document.facts.reason == "容缺受理承诺的材料未在2026-03-17前补齐")
    }
}
