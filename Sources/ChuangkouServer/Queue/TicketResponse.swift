import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A ticket as the API returns it. `position` and `estimatedWaitMinutes` are set only while it waits;
/// `estimatedWaitMinutes` is null when no open window serves its business.
struct TicketResponse: ResponseEncodable, Decodable, Equatable {
    let id: String
    let number: String
    let business: String
    let status: String
    let position: Int?
    let estimatedWaitMinutes: Int?
    let window: WindowNumber?
    let greenChannel: String?
    /// A green channel the holder declared from their phone: `declared` (to be checked at the window), `confirmed`
    /// or `declined` (then `greenChannel` is null); null for one given at a kiosk or desk, or none.
    let greenChannelCheck: String?
    let issuedAt: Date
    let calledAt: Date?
    let recalls: Int
    let outOfOrder: Bool
    let officer: String?
    /// Called ahead of walk-ins within its appointment slot (预约); the display marks it.
    let appointment: Bool

    init(_ ticket: Ticket, standing: (position: Int, estimatedWaitMinutes: Int?)? = nil) {
        id = ticket.id.description
        number = ticket.number.description
        business = ticket.business.value
        status = ticket.status.rawValue
        position = standing?.position
        estimatedWaitMinutes = standing?.estimatedWaitMinutes
        window = ticket.window
        greenChannel = ticket.greenChannel?.rawValue
        greenChannelCheck = ticket.declaration?.state.rawValue
        issuedAt = ticket.issuedAt
        calledAt = ticket.calledAt
        recalls = ticket.recalls
        outOfOrder = ticket.outOfOrderReason != nil
        officer = ticket.officer?.value
        appointment = ticket.appointment != nil
    }

    private enum CodingKeys: String, CodingKey {
        case id, number, business, status, position, estimatedWaitMinutes, window, greenChannel, greenChannelCheck
        case issuedAt, calledAt, recalls, outOfOrder, officer, appointment
    }

    /// Absent values are written as `null`, not left out: clients rely on every key being there.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(business, forKey: .business)
        try c.encode(status, forKey: .status)
        try c.encode(position, forKey: .position)
        try c.encode(estimatedWaitMinutes, forKey: .estimatedWaitMinutes)
        try c.encode(window, forKey: .window)
        try c.encode(greenChannel, forKey: .greenChannel)
        try c.encode(greenChannelCheck, forKey: .greenChannelCheck)
        try c.encode(issuedAt, forKey: .issuedAt)
        try c.encode(calledAt, forKey: .calledAt)
        try c.encode(recalls, forKey: .recalls)
        try c.encode(outOfOrder, forKey: .outOfOrder)
        try c.encode(officer, forKey: .officer)
        try c.encode(appointment, forKey: .appointment)
    }
}

/// A window as the API returns it: status, businesses, the officer's public card and the current ticket.
struct WindowResponse: ResponseEncodable, Decodable, Equatable {
    let number: WindowNumber
    let status: String
    let businesses: [String]
    let officer: OfficerResponse?
    let currentTicket: TicketResponse?

    private enum CodingKeys: String, CodingKey {
        case number, status, businesses, officer, currentTicket
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(status, forKey: .status)
        try c.encode(businesses, forKey: .businesses)
        try c.encode(officer, forKey: .officer)
        try c.encode(currentTicket, forKey: .currentTicket)
    }
}

/// The businesses in the hall's order, with how many of today's tickets wait for each: the kiosk's buttons.
struct BusinessesResponse: ResponseEncodable, Decodable {
    struct Item: Codable {
        let code: String
        let name: String
        let nameEnglish: String
        let prefix: String
        let waiting: Int
    }
    let businesses: [Item]

    static func today(_ businesses: BusinessRepository, on day: LocalDate) async throws -> BusinessesResponse {
        let items = try await businesses.all(serviceDay: day).map { business, waiting in
            Item(code: business.code.value, name: business.name, nameEnglish: business.nameEnglish, prefix: business.prefix.value, waiting: waiting)
        }
        return BusinessesResponse(businesses: items)
    }
}
