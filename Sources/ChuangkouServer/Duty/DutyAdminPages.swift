import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The system administrator's roster page (`/admin/duty`, 值班表): two weeks of half-days with the duty leader and the
/// officers on duty, the form to plan (or replan) a slot, clearing a slot that has not begun, and leave. Every change
/// goes through `DutyRosterRepository` (audited there); a refusal shows the page again with the words of what to fix
/// and what was typed.
struct DutyAdminPages {
    let pages: PageRenderer
    let duty: DutyRosterRepository
    let officers: OfficerRepository
    let hall: Hall
    let now: @Sendable () -> Date

    /// How many days the page shows.
    static let days = 14

    struct Form: Decodable {
        let day: String?
        let half: String?
        let leader: String?
        let leaderPhone: String?
        /// One officer a line: 警号 and duty phone.
        let officers: String?
        let badge: String?
        let from: String?
        let through: String?
        let reason: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/duty") { request, context -> Response in
            guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            var page = try await page(request, context, admin, form: nil)
            page.done = done(request)
            return try pages.render("admin-duty", page, request)
        }
        router.post("admin/duty") { request, context -> Response in
            try await act(request, context, "plan") { admin, form in
                let slot = try Self.slot(form)
                let leader = try DutyAdminPage.person(badge: form.leader ?? "", phone: form.leaderPhone ?? "")
                let officers = try DutyAdminPage.officers(form.officers ?? "")
                _ = try await duty.plan(slot, leader: leader, officers: officers, by: admin.badge, hall: hall, at: now())
                return slot.day
            }
        }
        router.post("admin/duty/clear") { request, context -> Response in
            try await act(request, context, "clear") { admin, form in
                let slot = try Self.slot(form)
                guard try await duty.clear(slot, by: admin.badge, hall: hall, at: now()) else { throw APIError.slotNotPlanned }
                return slot.day
            }
        }
        router.post("admin/duty/leave") { request, context -> Response in
            try await act(request, context, "leave") { admin, form in
                guard let badge = Badge((form.badge ?? "").trimmingCharacters(in: .whitespaces)) else {
                    throw APIError.unknownOfficer(form.badge ?? "")
                }
                guard let from = form.from.flatMap({ LocalDate($0) }), let through = form.through.flatMap({ LocalDate($0) }) else {
                    throw APIError.badDutyRange
                }
                _ = try await duty.recordLeave(badge, from: from, through: through, reason: form.reason ?? "", by: admin.badge, at: now())
                return from
            }
        }
        router.post("admin/duty/leave/{id}/cancel") { request, context -> Response in
            let id = context.parameters.get("id").flatMap(UUID.init(uuidString:))
            return try await act(request, context, "cancel") { admin, _ in
                guard let id, try await duty.cancelLeave(id, by: admin.badge, at: now()) else { throw APIError.unknownLeave }
                return nil
            }
        }
    }

    /// Runs one change and redirects back to the week it touched (PRG); a refusal renders the page with it in words.
    private func act(
        _ request: Request,
        _ context: AppRequestContext,
        _ what: String,
        _ change: (Officer, Form) async throws -> LocalDate?
    ) async throws -> Response {
        guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
        let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
        do {
            let day = try await change(admin, form)
            return .redirect(to: "/admin/duty?done=\(what)" + (day.map { "&from=\($0)" } ?? ""), type: .normal)
        } catch {
            let mapped: APIError
            switch error {
            case let e as APIError: mapped = e
            case let e as DutyError: mapped = APIError(e)
            case let e as DutyRecordError: mapped = APIError(e)
            default: throw error
            }
            var page = try await page(request, context, admin, form: form)
            page.error = Language.of(request).pick(mapped.chinese, mapped.english)
            var response = try pages.render("admin-duty", page, request)
            response.status = mapped.status
            return response
        }
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ admin: Officer, form: Form?) async throws -> DutyAdminPage {
        let today = hall.serviceDay(at: now())
        let asked = request.uri.queryParameters.get("from").flatMap { LocalDate($0) }
        let from = asked.flatMap { $0 >= LocalDate.earliest && $0 < LocalDate.latest ? $0 : nil } ?? today
        let through = (try? from.adding(days: Self.days - 1)) ?? from
        let staff = try await officers.all()
        return DutyAdminPage(
            frame: pages.frame(request, context, ("值班表", "Duty roster"), DutyAdminPage.texts),
            admin: admin,
            from: from,
            today: today,
            current: duty.hours.slot(at: now(), in: hall.timeZone),
            shifts: try await duty.shifts(from: from, through: through),
            leave: try await duty.leave(from: from, through: through),
            staff: staff,
            typed: form
        )
    }

    private func done(_ request: Request) -> String? {
        let language = Language.of(request)
        switch request.uri.queryParameters.get("done") {
        case "plan": return language.pick("已排班", "Planned")
        case "clear": return language.pick("已撤销该时段排班", "The slot is off the roster")
        case "leave": return language.pick("已登记请假", "Leave recorded")
        case "cancel": return language.pick("已撤销请假", "Leave cancelled")
        default: return nil
        }
    }

    static func slot(_ form: Form) throws -> DutySlot {
        guard let day = form.day.flatMap({ LocalDate($0) }), let half = form.half.flatMap(HalfDay.init(rawValue:)) else {
            throw APIError.badDutySlot
        }
        return DutySlot(day, half)
    }
}
