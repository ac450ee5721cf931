import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Appointments (预约) for citizens: slots, the phone code, booking, and by booking code viewing, changing,
/// cancelling and checking in (kiosk or phone). Codes travel in request bodies, never in URLs; every lookup by code
/// counts failures against the caller's address.
struct AppointmentsController {
    let appointments: AppointmentRepository
    let businesses: BusinessRepository
    let calendar: CalendarCache
    let hall: Hall
    let now: @Sendable () -> Date
    let maxFailures: Int
    let window: Duration

    struct SendCode: Decodable {
        let phone: String
    }

    struct Book: Decodable {
        let business: String
        let slot: String
        let name: String
        let phone: String
        let idNumber: String?
        let phoneCode: String
    }

    struct ByCode: Decodable {
        let code: String
    }

    struct Change: Decodable {
        let code: String
        let slot: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("appointments/slots") { request, _ in
            let code = try business(request.uri.queryParameters.get("business"))
            let day = request.uri.queryParameters.get("day").flatMap { LocalDate($0) } ?? hall.serviceDay(at: now())
            return try await slots(code, on: day)
        }
        group.get("appointments/today") { _, _ in try await today() }
        group.get("appointments/day") { request, context in
            guard let officer = context.officer else { throw APIError.unauthorized }
            let day = try staffDay(request.uri.queryParameters.get("day"))
            return AppointmentDayResponse(day: day, entries: try await appointments.day(day, readBy: officer.badge, at: now()))
        }
        group.post("appointments/phone-codes") { request, context in
            let body = try await request.decode(as: SendCode.self, context: context)
            guard let phone = MobileNumber(String(body.phone.prefix(20))) else { throw APIError(AppointmentError.badPhone) }
            try await appointments.sendPhoneCode(to: phone, at: now())
            return EditedResponse(status: .accepted, response: PhoneCodeSentResponse(sent: true, validMinutes: PhoneCodeChallenge.validMinutes))
        }
        group.post("appointments") { request, context in
            let body = try await request.decode(as: Book.self, context: context)
            let record = try await book(body, context: context)
            return EditedResponse(status: .created, response: record)
        }
        group.post("appointments/query") { request, context in
            let body = try await request.decode(as: ByCode.self, context: context)
            return try answer(try await appointments.find(code: body.code, limit: limit(context), at: now()))
        }
        group.post("appointments/change") { request, context in
            let body = try await request.decode(as: Change.self, context: context)
            let slot = try slot(body.slot)
            return try answer(
                try await appointments.change(code: body.code, to: slot, limit: limit(context), calendar: calendar.calendar, hall: hall, at: now())
            )
        }
        group.post("appointments/cancel") { request, context in
            let body = try await request.decode(as: ByCode.self, context: context)
            return try answer(try await appointments.cancel(code: body.code, limit: limit(context), hall: hall, at: now()))
        }
        group.post("appointments/check-in") { request, context in
            let body = try await request.decode(as: ByCode.self, context: context)
            return try answer(try await appointments.checkIn(code: body.code, limit: limit(context), hall: hall, at: now()))
        }
    }

    /// Checks the form at the edge (business, slot, name 1–30 characters, phone, ID number where needed) and books.
    func book(_ body: Book, context: AppRequestContext) async throws -> AppointmentResponse {
        let code = try business(body.business)
        let slot = try slot(body.slot)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...30).contains(name.count), !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw APIError(AppointmentError.badName)
        }
        guard let phone = MobileNumber(String(body.phone.prefix(20))) else { throw APIError(AppointmentError.badPhone) }
        var id: ResidentIDNumber?
        if appointments.idNumberBusinesses.contains(code) {
            guard let text = body.idNumber, text.count <= 24,
                let number = try? ResidentIDNumber(validating: text, today: hall.serviceDay(at: now()))
            else { throw APIError(AppointmentError.idNumberRequired) }
            id = number
        }
        let (_, bookingCode) = try await appointments.book(
            .init(business: code, slot: slot, name: name, phone: phone, idNumber: id, phoneCode: String(body.phoneCode.prefix(12))),
            calendar: calendar.calendar,
            hall: hall,
            at: now()
        )
        return try answer(try await appointments.find(code: bookingCode, limit: limit(context), at: now()))
    }

    func slots(_ code: BusinessCode, on day: LocalDate) async throws -> SlotsResponse {
        guard try await businesses.find(code) != nil else { throw APIError(AppointmentError.unknownBusiness(code.value)) }
        let list = try await appointments.availability(of: code, on: day, calendar: calendar.calendar, hall: hall, at: now())
        let policy = appointments.policy
        let days = policy.bookableDays(today: hall.serviceDay(at: now())).filter { !policy.slots(on: $0, calendar: calendar.calendar).isEmpty }
        return SlotsResponse(
            business: code.value,
            day: day.description,
            slots: list.map { SlotResponse(slot: $0.slot.description, label: $0.slot.label, left: $0.left, open: $0.open) },
            days: days.map(\.description)
        )
    }

    func today() async throws -> TodaySlotsResponse {
        let day = hall.serviceDay(at: now())
        var items: [TodaySlotsResponse.Item] = []
        for (business, _) in try await businesses.all(serviceDay: day) {
            let list = try await appointments.availability(of: business.code, on: day, calendar: calendar.calendar, hall: hall, at: now())
                .filter { $0.open && $0.left > 0 }
            items.append(.init(business: business.code.value, slotsLeft: list.count, placesLeft: list.reduce(0) { $0 + $1.left }))
        }
        return TodaySlotsResponse(day: day.description, businesses: items)
    }

    /// The day a staff list asks for: today when not given, else a date within a year of today (bounded, RULES).
    func staffDay(_ text: String?) throws -> LocalDate {
        let today = hall.serviceDay(at: now())
        guard let text else { return today }
        guard let day = LocalDate(String(text.prefix(12))), let from = try? today.adding(days: -366), let to = try? today.adding(days: 366),
            from <= day, day <= to
        else { throw APIError.appointmentRequest("日期应为一年内的 YYYY-MM-DD", "The day is YYYY-MM-DD within a year of today") }
        return day
    }

    func limit(_ context: AppRequestContext) -> AppointmentRepository.Limit {
        .init(client: context.clientAddress, maxFailures: maxFailures, window: window)
    }

    func answer(_ lookup: AppointmentRepository.Lookup) throws -> AppointmentResponse {
        switch lookup {
        case .found(let record): return AppointmentResponse(record, policy: appointments.policy, zone: hall.timeZone)
        case .notFound: throw APIError.appointmentNotFound
        case .limited: throw APIError.appointmentRateLimited
        }
    }

    func business(_ text: String?) throws -> BusinessCode {
        guard let code = text.flatMap(BusinessCode.init) else { throw APIError(AppointmentError.unknownBusiness(text ?? "")) }
        return code
    }

    func slot(_ text: String) throws -> AppointmentSlot {
        guard let slot = AppointmentSlot(String(text.prefix(20)), minutes: appointments.policy.slotMinutes) else {
            throw APIError(AppointmentError.noSuchSlot)
        }
        return slot
    }
}
