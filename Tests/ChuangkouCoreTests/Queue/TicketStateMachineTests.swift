import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Ticket state machine")
struct TicketStateMachineTests {
    let now = Fixture.start.addingTimeInterval(60)

    @Test("a ticket goes waiting → called → serving → finished, recording who, when and where")
    func happyPath() throws {
        var ticket = Fixture.ticket(1)
        let call = try ticket.call(window: 3, by: Fixture.officer, at: now)
        #expect(call.from == .waiting && call.to == .called && call.window == 3 && call.officer == Fixture.officer && call.at == now)
        #expect(ticket.status == .called && ticket.window == 3 && ticket.calledAt == now)
        let start = try ticket.start(by: Fixture.officer, at: now.addingTimeInterval(30))
        #expect(start.to == .serving && ticket.startedAt == now.addingTimeInterval(30))
        let finish = try ticket.finish(by: Fixture.officer, at: now.addingTimeInterval(300))
        #expect(finish.from == .serving && finish.to == .finished && ticket.status == .finished)
    }

    @Test("events not allowed from the current state are refused with the state named")
    func refusals() throws {
        var waiting = Fixture.ticket(1)
        #expect(throws: QueueError.notAllowed(action: .finish, from: .waiting)) { try waiting.finish(by: Fixture.officer, at: now) }
        #expect(throws: QueueError.notAllowed(action: .start, from: .waiting)) { try waiting.start(by: Fixture.officer, at: now) }
        #expect(throws: QueueError.notAllowed(action: .recall, from: .waiting)) { try waiting.recall(by: Fixture.officer, at: now) }
        _ = try waiting.call(window: 1, by: Fixture.officer, at: now)
        #expect(throws: QueueError.notAllowed(action: .call, from: .called)) { try waiting.call(window: 2, by: Fixture.other, at: now) }
        _ = try waiting.start(by: Fixture.officer, at: now)
        #expect(throws: QueueError.notAllowed(action: .start, from: .serving)) { try waiting.start(by: Fixture.officer, at: now) }
        #expect(throws: QueueError.notAllowed(action: .cancel, from: .serving)) { try waiting.cancel(by: Fixture.officer, at: now) }
        #expect(throws: QueueError.notAllowed(action: .transfer, from: .serving)) {
            try waiting.transfer(to: Fixture.seal, by: Fixture.officer, at: now)
        }
        _ = try waiting.finish(by: Fixture.officer, at: now)
        #expect(throws: QueueError.notAllowed(action: .finish, from: .finished)) { try waiting.finish(by: Fixture.officer, at: now) }
    }

    @Test("no-show needs the configured number of recalls first", arguments: [0, 1, 2, 3])
    func noShowAfterRecalls(required: Int) throws {
        let policy = QueuePolicy(recallsBeforeNoShow: required)
        var ticket = Fixture.ticket(1)
        _ = try ticket.call(window: 1, by: Fixture.officer, at: now)
        for made in 0..<required {
            #expect(throws: QueueError.tooFewRecalls(made: made, required: required)) {
                try ticket.markNoShow(by: Fixture.officer, at: now, policy: policy)
            }
            _ = try ticket.recall(by: Fixture.officer, at: now)
        }
        let t = try ticket.markNoShow(by: Fixture.officer, at: now, policy: policy)
        #expect(t.to == .noShow && ticket.status == .noShow && ticket.recalls == required)
    }

    @Test("waiting and called tickets can be cancelled; the citizen may cancel without an officer")
    func cancel() throws {
        var waiting = Fixture.ticket(1)
        let t = try waiting.cancel(by: nil, at: now)
        #expect(t.from == .waiting && t.to == .cancelled && t.officer == nil)
        var called = Fixture.ticket(2)
        _ = try called.call(window: 1, by: Fixture.officer, at: now)
        #expect(try called.cancel(by: Fixture.officer, at: now).from == .called)
    }

    @Test("a transfer keeps the original issue time and number, and puts the ticket back in line")
    func transfer() throws {
        var ticket = Fixture.ticket(7, issuedAfter: 5)
        _ = try ticket.call(window: 2, by: Fixture.officer, at: now)
        _ = try ticket.recall(by: Fixture.officer, at: now)
        let t = try ticket.transfer(to: Fixture.seal, by: Fixture.officer, at: now)
        #expect(t.from == .called && t.to == .waiting && t.detail == "id-card→seal-filing")
        #expect(ticket.status == .waiting && ticket.business == Fixture.seal && ticket.window == nil && ticket.recalls == 0)
        #expect(ticket.issuedAt == Fixture.start.addingTimeInterval(5) && ticket.number.sequence == 7)
        #expect(throws: QueueError.sameBusiness) { try ticket.transfer(to: Fixture.seal, by: nil, at: now) }
    }

    @Test("an out-of-order call keeps its reason for supervisors")
    func outOfOrder() throws {
        var ticket = Fixture.ticket(9)
        let t = try ticket.call(window: 4, by: Fixture.officer, at: now, outOfOrderReason: "老人身体不适")
        #expect(t.detail == "老人身体不适" && ticket.outOfOrderReason == "老人身体不适")
    }
}
