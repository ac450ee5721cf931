import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The appointment pages: booking from a guide (`/appointments/new?business=`, a phone at 360 px), the booking's
/// status with change and cancel (`/appointments/manage`), and check-in at the kiosk (`/kiosk/check-in`). Plain
/// forms, so they work without script; each POST renders the page again with what happened, or what to fix.
struct AppointmentPages {
    let pages: PageRenderer
    let api: AppointmentsController

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("appointments/new") { request, context -> Response in
            let form = BookingForm(
                business: request.uri.queryParameters.get("business") ?? "",
                day: request.uri.queryParameters.get("day") ?? "",
                slot: "",
                name: "",
                phone: "",
                action: nil
            )
            return try await renderBooking(request, context, form: form, message: nil, error: nil, booked: nil, status: .ok)
        }
        router.post("appointments/new") { request, context -> Response in
            let form = try await URLEncodedFormDecoder().decode(BookingForm.self, from: String(buffer: request.body.collect(upTo: 8_192)))
            do {
                if form.action == "send-code" {
                    guard let phone = MobileNumber(String(form.phone.prefix(20))) else { throw APIError(AppointmentError.badPhone) }
                    try await api.appointments.sendPhoneCode(to: phone, at: api.now())
                    let sent = Language.of(request).pick("验证码已发送，10分钟内有效", "A code was sent; it is valid for 10 minutes")
                    return try await renderBooking(request, context, form: form, message: sent, error: nil, booked: nil, status: .ok)
                }
                let booked = try await api.book(
                    .init(
                        business: form.business,
                        slot: form.slot ?? "",
                        name: form.name,
                        phone: form.phone,
                        idNumber: form.idNumber,
                        phoneCode: form.phoneCode ?? ""
                    ),
                    context: context
                )
                return try await renderBooking(request, context, form: form, message: nil, error: nil, booked: booked, status: .created)
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .appointmentRequest("表单有误", "The form is not valid") }
                let text = Language.of(request).pick(refusal.chinese, refusal.english)
                return try await renderBooking(request, context, form: form, message: nil, error: text, booked: nil, status: refusal.status)
            }
        }
        router.get("appointments/manage") { request, context -> Response in
            try manage(request, context, record: nil, code: "", message: nil, error: nil, status: .ok)
        }
        router.post("appointments/manage") { request, context -> Response in
            struct Form: Decodable {
                let code: String
                let action: String?
                let slot: String?
            }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 4_096)))
            let language = Language.of(request)
            do {
                let limit = api.limit(context)
                let record: AppointmentResponse
                var message: String?
                switch form.action {
                case "cancel":
                    record = try api.answer(try await api.appointments.cancel(code: form.code, limit: limit, hall: api.hall, at: api.now()))
                    message = language.pick("预约已取消", "The booking is cancelled")
                case "change":
                    let slot = try api.slot(form.slot ?? "")
                    record = try api.answer(
                        try await api.appointments.change(
                            code: form.code,
                            to: slot,
                            limit: limit,
                            calendar: api.calendar.calendar,
                            hall: api.hall,
                            at: api.now()
                        )
                    )
                    message = language.pick("已改约至 \(record.day) \(record.time)", "Moved to \(record.day) \(record.time)")
                default:
                    record = try api.answer(try await api.appointments.find(code: form.code, limit: limit, at: api.now()))
                }
                let others = try await api.slots(BusinessCode(record.business)!, on: LocalDate(record.day)!)
                return try manage(request, context, record: (record, others), code: form.code, message: message, error: nil, status: .ok)
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .appointmentRequest("表单有误", "The form is not valid") }
                return try manage(
                    request,
                    context,
                    record: nil,
                    code: String(form.code.prefix(20)),
                    message: nil,
                    error: language.pick(refusal.chinese, refusal.english),
                    status: refusal.status
                )
            }
        }
        router.get("appointments/day") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let day = try api.staffDay(request.uri.queryParameters.get("day"))
            let entries = try await api.appointments.day(day, readBy: officer.badge, at: api.now())
            let page = AppointmentDayPage(
                frame: pages.frame(request, context, ("当日预约", "The day's appointments"), AppointmentDayPage.texts),
                day: day,
                entries: entries,
                language: Language.of(request)
            )
            return try pages.render("appointment-day", page, request)
        }
        router.get("kiosk/check-in") { request, context -> Response in
            try checkInPage(request, context, done: nil, error: nil, status: .ok)
        }
        router.post("kiosk/check-in") { request, context -> Response in
            struct Form: Decodable { let code: String }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 2_048)))
            do {
                let record = try api.answer(
                    try await api.appointments.checkIn(code: form.code, limit: api.limit(context), hall: api.hall, at: api.now())
                )
                return try checkInPage(request, context, done: record, error: nil, status: .created)
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .appointmentRequest("表单有误", "The form is not valid") }
                return try checkInPage(
                    request,
                    context,
                    done: nil,
                    error: Language.of(request).pick(refusal.chinese, refusal.english),
                    status: refusal.status
                )
            }
        }
    }

    struct BookingForm: Decodable {
        let business: String
        let day: String?
        let slot: String?
        let name: String
        let phone: String
        let idNumber: String?
        let phoneCode: String?
        let action: String?

        init(business: String, day: String?, slot: String?, name: String, phone: String, action: String?) {
            self.business = business
            self.day = day
            self.slot = slot
            self.name = name
            self.phone = phone
            idNumber = nil
            phoneCode = nil
            self.action = action
        }
    }

    private func renderBooking(
        _ request: Request,
        _ context: AppRequestContext,
        form: BookingForm,
        message: String?,
        error: String?,
        booked: AppointmentResponse?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let language = Language.of(request)
        guard let code = BusinessCode(form.business), let business = try await api.businesses.find(code) else {
            throw APIError(AppointmentError.unknownBusiness(form.business))
        }
        let today = api.hall.serviceDay(at: api.now())
        let chosenSlot = form.slot.flatMap { AppointmentSlot($0, minutes: api.appointments.policy.slotMinutes) }
        let slots = try await api.slots(code, on: chosenSlot?.day ?? form.day.flatMap { LocalDate($0) } ?? today)
        let day = slots.day
        let page = AppointmentPageModels.Booking(
            frame: pages.frame(request, context, ("网上预约", "Book an appointment"), AppointmentPageModels.texts),
            business: code.value,
            businessName: language.pick(business.name, business.nameEnglish),
            day: day,
            days: slots.days.map { .init(day: $0, chosen: $0 == day, href: "/appointments/new?business=\(code.value)&day=\($0)") },
            // Slots already closed for booking today are left out; full ones are shown as full.
            slots: slots.slots.filter(\.open).map {
                .init(slot: $0.slot, label: $0.label, left: $0.left, bookable: $0.open && $0.left > 0, chosen: $0.slot == form.slot)
            },
            name: form.name,
            phone: form.phone,
            needsIDNumber: api.appointments.idNumberBusinesses.contains(code),
            message: message,
            error: error,
            booked: booked,
            rule: language.pick(api.appointments.policy.noShows.explanation, api.appointments.policy.noShows.explanationEnglish)
        )
        var response = try pages.render("appointment-new", page, request)
        response.status = status
        return response
    }

    private func manage(
        _ request: Request,
        _ context: AppRequestContext,
        record: (AppointmentResponse, SlotsResponse)?,
        code: String,
        message: String?,
        error: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = Language.of(request)
        let page = AppointmentPageModels.Manage(
            frame: pages.frame(request, context, ("我的预约", "My appointment"), AppointmentPageModels.texts),
            code: record?.0.code ?? code,
            appointment: record.map { r in
                .init(
                    day: r.0.day,
                    time: r.0.time,
                    status: language.pick(r.0.statusLabel, r.0.statusLabelEnglish),
                    name: r.0.name,
                    phoneLast4: r.0.phoneLast4,
                    ticket: r.0.ticket,
                    ticketID: r.0.ticketID,
                    changeable: r.0.status == "booked" && api.now() < r.0.cutoff,
                    otherSlots: r.1.slots.filter { $0.open && $0.left > 0 && $0.slot != r.0.slot }.map { .init(slot: $0.slot, label: $0.label) }
                )
            },
            message: message,
            error: error
        )
        var response = try pages.render("appointment-manage", page, request)
        response.status = status
        return response
    }

    private func checkInPage(
        _ request: Request,
        _ context: AppRequestContext,
        done: AppointmentResponse?,
        error: String?,
        status: HTTPResponse.Status
    )
        throws -> Response
    {
        let page = AppointmentPageModels.CheckIn(
            frame: pages.frame(request, context, ("预约签到", "Appointment check-in"), AppointmentPageModels.texts),
            ticket: done?.ticket,
            ticketID: done?.ticketID,
            late: done?.status == "late",
            error: error
        )
        var response = try pages.render("appointment-check-in", page, request)
        response.status = status
        return response
    }
}
