import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("The heads-up \"3 ahead of you\"")
struct TicketHeadsUpTests {
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!

    @Test("a ticket with a phone is told once, when a call leaves 3 ahead of it; one without a phone never")
    func toldOnce() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let contacts = TicketContacts(database: db, sealer: Self.sealer)
            let now = Date()
            var issued: [Ticket] = []
            for i in 0..<7 {
                issued.append(
                    try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now.addingTimeInterval(Double(i)))
                )
            }
            try await contacts.give(MobileNumber("13812345678")!, language: .chinese, for: issued[5].id, at: now)
            try await contacts.give(MobileNumber("13900001111")!, language: .english, for: issued[6].id, at: now)
            await #expect(throws: TicketContactError.alreadyGiven) {
                try await contacts.give(MobileNumber("13700000000")!, language: .chinese, for: issued[5].id, at: now)
            }
            try await Demo.openWindows(1, in: db)
            let officer = Demo.officers[0]
            let outbox = NotificationOutbox(database: db)
            func callAndFinish(_ minute: Double) async throws {
                let called = try #require(
                    try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: now.addingTimeInterval(60 * minute))
                )
                _ = try await tickets.start(called.id, by: officer, at: now.addingTimeInterval(60 * minute + 1))
                _ = try await tickets.finish(called.id, by: officer, at: now.addingTimeInterval(60 * minute + 2))
            }
            try await callAndFinish(1)
            #expect(try await outbox.all().isEmpty, "4 and 5 still ahead")
            try await callAndFinish(2)
            var messages = try await outbox.all()
            #expect(messages.count == 1 && messages[0].kind == "ticket.ahead" && messages[0].key == "ticket:\(issued[5].id):ahead")
            #expect(messages[0].subject.contains(issued[5].number.description) && messages[0].subject.contains("前面还有3人"))
            try await callAndFinish(3)
            messages = try await outbox.all()
            #expect(messages.count == 2, "the first is not told again; the second now has 3 ahead")
            #expect(messages[1].language == .english && messages[1].subject.contains("3 ahead of you"))
            let sealed = try #require(messages[1].recipientPhoneSealed)
            #expect(try Self.sealer.open(sealed) == "13900001111")
            #expect(try await contacts.maskedPhone(for: issued[6].id) == "139****1111")
            await #expect(throws: TicketContactError.notWaiting) {
                try await contacts.give(MobileNumber("13700000000")!, language: .chinese, for: issued[0].id, at: now)
            }
            let raw = try await db.read { sql in
                try await sql.raw("SELECT phone_sealed FROM ticket_contacts").all().map { try $0.decode(column: "phone_sealed", as: String.self) }
            }
            #expect(raw.count == 2 && raw.allSatisfy { !$0.contains("13812345678") && !$0.contains("13900001111") }, "sealed at rest")
        }
    }
}
