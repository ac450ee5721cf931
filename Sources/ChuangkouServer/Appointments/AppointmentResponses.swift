import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// One slot with the places left.
struct SlotResponse: Codable, Sendable {
    let slot: String
    let label: String
    let left: Int
    let open: Bool
}

struct SlotsResponse: ResponseEncodable, Decodable {
    let business: String
    let day: String
    let slots: [SlotResponse]
    /// The days one may book on (today through the horizon), working days only.
    let days: [String]
}

/// What a booking code shows: no name in full beyond what the holder typed, the phone by its last four digits.
struct AppointmentResponse: ResponseEncodable, Decodable {
    let id: String
    let code: String
    let business: String
    let slot: String
    let day: String
    let time: String
    let status: String
    let statusLabel: String
    let statusLabelEnglish: String
    let name: String
    let phoneLast4: String
    let ticket: String?
    let ticketID: String?
    let cutoff: Date

    init(_ record: AppointmentRepository.Record, policy: AppointmentPolicy, zone: TimeZone) {
        let a = record.appointment
        id = a.id.description
        code = record.code
        business = a.business.value
        slot = a.slot.description
        day = a.slot.day.description
        time = a.slot.label
        status = a.status.rawValue
        statusLabel = a.status.label
        statusLabelEnglish = a.status.labelEnglish
        name = record.name
        phoneLast4 = record.phoneLast4
        ticket = record.ticket?.description
        ticketID = a.ticket?.description
        cutoff = policy.cutoff(of: a.slot, zone: zone)
    }
}

/// Today's remaining places per business, for the kiosk.
struct TodaySlotsResponse: ResponseEncodable, Decodable {
    struct Item: Codable, Sendable {
        let business: String
        let slotsLeft: Int
        let placesLeft: Int
    }

    let day: String
    let businesses: [Item]
}

struct PhoneCodeSentResponse: ResponseEncodable, Decodable {
    let sent: Bool
    let validMinutes: Int
}
