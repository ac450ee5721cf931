import ChuangkouCore
import ChuangkouStore
import Foundation

/// Everything a controller needs, built once at start and passed in: no globals.
struct HallServices: Sendable {
    let hall: Hall
    let database: Database
    let tickets: TicketRepository
    let windows: WindowRepository
    let businesses: BusinessRepository
    let officers: OfficerRepository
    let events: EventRelay
    let settings: AppSettings
    /// The time source; tests pass a fixed or moving clock to cross midnight.
    let now: @Sendable () -> Date

    var today: LocalDate { hall.serviceDay(at: now()) }
}
