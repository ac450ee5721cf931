import ChuangkouCore
import Foundation

/// Small builders for tickets in tests.
enum Fixture {
    static let officer = Badge("010231")!
    static let other = Badge("010232")!
    static let idCard = BusinessCode("id-card")!
    static let residence = BusinessCode("residence-permit")!
    static let seal = BusinessCode("seal-filing")!
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let day = LocalDate("2026-05-28")!

    static func ticket(
        _ sequence: Int,
        business: BusinessCode = idCard,
        issuedAfter seconds: Double = 0,
        green: GreenChannel? = nil,
        declared: Bool = false,
        status: TicketStatus = .waiting
    ) -> Ticket {
        Ticket(
            id: TicketID(UUID()),
            number: TicketNumber(prefix: TicketPrefix("A")!, sequence: sequence),
            serviceDay: day,
            issuedAt: start.addingTimeInterval(seconds),
            business: business,
            status: status,
            greenChannel: green,
            declaration: declared ? green.map { GreenChannelDeclaration(reason: $0) } : nil
        )
    }
}
