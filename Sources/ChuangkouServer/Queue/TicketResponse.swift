import ChuangkouCore
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
    let window: Int?
    let greenChannel: String?
    let issuedAt: Date
    let calledAt: Date?
    let recalls: Int
    let outOfOrder: Bool
    let officer: String?

    init(_ ticket: Ticket, standing: (position: Int, estimatedWaitMinutes: Int?)? = nil) {
        id = ticket.id.description
        number = ticket.number.description
        business = ticket.business.value
        status = ticket.status.rawValue
        position = standing?.position
        estimatedWaitMinutes = standing?.estimatedWaitMinutes
        window = ticket.window
        greenChannel = ticket.greenChannel?.rawValue
        issuedAt = ticket.issuedAt
        calledAt = ticket.calledAt
        recalls = ticket.recalls
        outOfOrder = ticket.outOfOrderReason != nil
        officer = ticket.officer?.value
    }
}

/// A window as the API returns it: status, businesses, the officer's public card and the current ticket.
struct WindowResponse: ResponseEncodable, Decodable, Equatable {
    let number: Int
    let status: String
    let businesses: [String]
    let officer: OfficerResponse?
    let currentTicket: TicketResponse?
}
