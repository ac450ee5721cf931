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

/// The staff's list of a day's bookings (`GET /api/v1/appointments/day`): counts by status and each booking with the
/// name and the phone's last four digits, never the booking code or an ID number.
struct AppointmentDayResponse: ResponseEncodable, Decodable {
    struct Entry: Codable, Sendable {
        let id: String
        let business: String
        let businessName: String
        let slot: String
        let time: String
        let status: String
        let statusLabel: String
        let name: String
        let phoneLast4: String
        let ticket: String?
    }

    let day: String
    /// How many bookings stand in each status (every status present, zero included).
    let counts: [String: Int]
    let appointments: [Entry]

    init(day: LocalDate, entries: [AppointmentRepository.DayEntry]) {
        self.day = day.description
        var counts = Dictionary(uniqueKeysWithValues: Appointment.Status.allCases.map { ($0.rawValue, 0) })
        for entry in entries { counts[entry.appointment.status.rawValue, default: 0] += 1 }
        self.counts = counts
        appointments = entries.map {
            Entry(
                id: $0.appointment.id.description,
                business: $0.appointment.business.value,
                businessName: $0.businessName,
                slot: $0.appointment.slot.description,
                time: $0.appointment.slot.label,
                status: $0.appointment.status.rawValue,
                statusLabel: $0.appointment.status.label,
                name: $0.name,
                phoneLast4: $0.phoneLast4,
                ticket: $0.ticket?.description
            )
        }
    }
}
