import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Inquiries (首问负责)")
struct InquiryTests {
    let first = Badge("010231")!
    let colleague = Badge("010232")!
    let stranger = Badge("010233")!
    let leader = Badge("010100")!
    let now = Date(timeIntervalSince1970: 1_771_000_000)
    let day = LocalDate("2026-02-13")!

    func recorded(question: String = "办理居住证要带什么？") throws -> Inquiry {
        try Inquiry.record(
            .init(topic: .business(BusinessCode("residence-permit")!), question: question, place: .desk),
            id: InquiryID(UUID()),
            by: first,
            at: now,
            on: day
        )
    }

    @Test("the recording officer owns a new inquiry, which is open")
    func recordingOwns() throws {
        let inquiry = try recorded()
        #expect(inquiry.owner == first)
        #expect(inquiry.firstOwner == first)
        #expect(inquiry.status == .open)
        #expect(inquiry.history.map(\.code) == ["recorded"])
    }

    @Test("an ID number or phone in what was asked is masked")
    func questionMasked() throws {
        let inquiry = try recorded(question: "身份证11010519491231002X，电话13812345678，能办吗")
        #expect(!inquiry.question.contains("11010519491231002X"))
        #expect(!inquiry.question.contains("13812345678"))
    }

    @Test("a question is required and bounded", arguments: ["", "   ", String(repeating: "问", count: 501)])
    func questionBounded(_ text: String) {
        #expect(throws: InquiryError.self) { try recorded(question: text) }
    }

    @Test("a free-text topic is required and bounded; a window number is 1–999")
    func topicAndWindow() {
        #expect(throws: InquiryError.topicRequired) {
            try Inquiry.record(.init(topic: .other(" "), question: "q", place: .desk), id: InquiryID(UUID()), by: first, at: now, on: day)
        }
        #expect(throws: InquiryError.badWindow) {
            try Inquiry.record(.init(topic: .other("户口"), question: "q", place: .window(0)), id: InquiryID(UUID()), by: first, at: now, on: day)
        }
    }

    @Test("only the owner closes an inquiry")
    func onlyOwnerCloses() throws {
        var inquiry = try recorded()
        #expect(throws: InquiryError.notOwner) { try inquiry.resolve(.answered("带身份证"), by: stranger, at: now) }
        #expect(inquiry.status == .open)
        _ = try inquiry.resolve(.answered("带身份证"), by: first, at: now)
        #expect(inquiry.status == .closed)
        #expect(inquiry.closedBy == first)
    }

    @Test("an inquiry does not close without an outcome: an empty answer is refused")
    func noEmptyOutcome() throws {
        var inquiry = try recorded()
        #expect(throws: InquiryError.answerRequired) { try inquiry.resolve(.answered("  "), by: first, at: now) }
        #expect(throws: InquiryError.badGuideVersion) {
            try inquiry.resolve(.oneTimeNotice(business: BusinessCode("residence-permit")!, guideVersion: 0), by: first, at: now)
        }
        #expect(inquiry.status == .open)
    }

    @Test("a closed inquiry takes no further event")
    func closedIsFinal() throws {
        var inquiry = try recorded()
        _ = try inquiry.resolve(.answered("好"), by: first, at: now)
        #expect(throws: InquiryError.closed) { try inquiry.resolve(.answered("再答"), by: first, at: now) }
        #expect(throws: InquiryError.closed) { try inquiry.handOver(to: colleague, note: "", by: first, at: now) }
        #expect(inquiry.sendToDutyLeader(leader, at: now).isEmpty)
        #expect(inquiry.owner == first)
    }

    @Test("a handover is not done until the colleague accepts; the first owner still owns and sees it")
    func handoverNeedsReceipt() throws {
        var inquiry = try recorded()
        let asked = try inquiry.handOver(to: colleague, note: "户籍业务", by: first, at: now)
        #expect(asked == [.notify(colleague, .handoverAsked)])
        #expect(inquiry.owner == first)
        #expect(inquiry.status == .handover)
        #expect(inquiry.isVisible(to: first) && inquiry.isVisible(to: colleague))
        #expect(!inquiry.isVisible(to: stranger))
        // The colleague cannot close it before accepting; the first owner still can.
        #expect(throws: InquiryError.notOwner) { try inquiry.resolve(.answered("x"), by: colleague, at: now) }
        #expect(throws: InquiryError.notHandoverRecipient) { try inquiry.acceptHandover(by: stranger, at: now) }

        let later = now.addingTimeInterval(300)
        let accepted = try inquiry.acceptHandover(by: colleague, at: later)
        #expect(accepted == [.notify(first, .handoverAccepted)])
        #expect(inquiry.owner == colleague)
        #expect(inquiry.firstOwner == first)
        #expect(inquiry.isVisible(to: first))
        let receipt = try #require(inquiry.history.last)
        #expect(receipt.event == .handoverAccepted(from: first) && receipt.by == colleague && receipt.at == later)
        #expect(throws: InquiryError.notOwner) { try inquiry.resolve(.answered("x"), by: first, at: later) }
        _ = try inquiry.resolve(.answered("已办"), by: colleague, at: later)
        #expect(inquiry.status == .closed)
    }

    @Test("a declined handover leaves the inquiry with its owner; a second handover waits for the first")
    func declineAndPending() throws {
        var inquiry = try recorded()
        _ = try inquiry.handOver(to: colleague, note: "", by: first, at: now)
        #expect(throws: InquiryError.handoverPending) { try inquiry.handOver(to: stranger, note: "", by: first, at: now) }
        #expect(try inquiry.declineHandover(by: colleague, at: now) == [.notify(first, .handoverDeclined)])
        #expect(inquiry.owner == first && inquiry.status == .open)
        #expect(throws: InquiryError.handoverToSelf) { try inquiry.handOver(to: first, note: "", by: first, at: now) }
        _ = try inquiry.handOver(to: stranger, note: "", by: first, at: now)
        #expect(try inquiry.withdrawHandover(by: first, at: now) == [.notify(stranger, .handoverWithdrawn)])
        #expect(throws: InquiryError.noHandoverPending) { try inquiry.acceptHandover(by: stranger, at: now) }
    }

    @Test("resolving with a handover waiting withdraws it and tells the colleague")
    func resolveWithdraws() throws {
        var inquiry = try recorded()
        _ = try inquiry.handOver(to: colleague, note: "", by: first, at: now)
        let effects = try inquiry.resolve(.answered("已当场答复"), by: first, at: now)
        #expect(effects == [.notify(colleague, .handoverWithdrawn)])
        #expect(inquiry.handover == nil)
    }

    @Test("at the end of the day an open inquiry passes to the duty leader, once; a waiting handover lapses")
    func dayEnd() throws {
        var inquiry = try recorded()
        _ = try inquiry.handOver(to: colleague, note: "", by: first, at: now)
        let effects = inquiry.sendToDutyLeader(leader, at: now)
        #expect(effects == [.notify(colleague, .handoverWithdrawn), .notify(leader, .sentToDutyLeader)])
        #expect(inquiry.owner == leader && inquiry.status == .open && inquiry.firstOwner == first)
        #expect(inquiry.sendToDutyLeader(stranger, at: now).isEmpty)
        #expect(inquiry.owner == leader)
        _ = try inquiry.resolve(.answered("次日电话答复"), by: leader, at: now)
        #expect(inquiry.status == .closed)
    }

    @Test("whatever anyone tries, an inquiry is closed only by its owner and only with an outcome")
    func ownershipProperty() async {
        let people = [first, colleague, stranger, leader]
        await propertyCheck(input: Gen.int(in: 0...4095), Gen.int(in: 0...4095)) { actions, actors in
            var inquiry = try! recorded()
            for step in 0..<6 {
                let action = (actions >> (step * 2)) & 3
                let actor = people[(actors >> (step * 2)) & 3]
                let owner = inquiry.owner
                let wasOpen = inquiry.outcome == nil
                let pendingTo = inquiry.handover?.to
                switch action {
                case 0: _ = try? inquiry.resolve(.answered("答复"), by: actor, at: now)
                case 1: _ = try? inquiry.handOver(to: people[(step + 1) % 4], note: "", by: actor, at: now)
                case 2: _ = try? inquiry.acceptHandover(by: actor, at: now)
                default: _ = try? inquiry.declineHandover(by: actor, at: now)
                }
                if wasOpen, inquiry.outcome != nil {
                    #expect(actor == owner && inquiry.closedBy == owner)
                }
                if inquiry.owner != owner {
                    #expect(action == 2 && actor == pendingTo)
                }
            }
        }
    }

    @Test("a competent body needs a name, what it handles and a phone; texts are bounded")
    func competentBody() throws {
        let body = try CompetentBody.make(id: .init(UUID()), name: " 市场监督管理局 ", address: "东城区1号", phone: "010-12345", handles: "营业执照")
        #expect(body.name == "市场监督管理局")
        #expect(throws: InquiryError.bodyNameRequired) {
            try CompetentBody.make(id: .init(UUID()), name: "", address: "", phone: "010-12345", handles: "x")
        }
        #expect(throws: InquiryError.badBodyPhone) {
            try CompetentBody.make(id: .init(UUID()), name: "局", address: "", phone: "电话", handles: "x")
        }
        #expect(throws: InquiryError.bodyHandlesRequired) {
            try CompetentBody.make(id: .init(UUID()), name: "局", address: "", phone: "010-12345", handles: " ")
        }
    }
}
