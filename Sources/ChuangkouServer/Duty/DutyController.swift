import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The duty roster (值班表): the system administrator plans slots and records leave; staff read the roster; anyone
/// may ask who the duty leader on duty is (四公开: name, 警号, phone).
struct DutyController {
    let duty: DutyRosterRepository
    let hall: Hall
    let now: @Sendable () -> Date

    /// The longest period one roster or leave query covers.
    static let maxRangeDays = 62

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("duty/leader") { _, _ in
            let instant = now()
            let leader = try await duty.leaderOnDuty(at: instant)
            return DutyLeaderResponse(slot: duty.hours.slot(at: instant, in: hall.timeZone), leader: leader)
        }
        group.get("duty/roster") { request, _ in
            let (from, through) = try range(request)
            return DutyRosterResponse(shifts: try await duty.shifts(from: from, through: through).map(DutyShiftResponse.init))
        }
        group.put("duty/roster/{day}/{half}") { request, context in
            let admin = try context.requireOfficer()
            let slot = try slot(context)
            let body = try await request.decode(as: DutyPlanRequest.self, context: context)
            let shift = try await duty.plan(
                slot,
                leader: try body.leader.onDuty(),
                officers: try body.officers.map { try $0.onDuty() },
                by: admin.badge,
                hall: hall,
                at: now()
            )
            return DutyShiftResponse(shift)
        }
        group.delete("duty/roster/{day}/{half}") { _, context in
            let admin = try context.requireOfficer()
            guard try await duty.clear(try slot(context), by: admin.badge, hall: hall, at: now()) else { throw APIError.slotNotPlanned }
            return Response(status: .noContent)
        }
        group.get("duty/leave") { request, _ in
            let (from, through) = try range(request)
            return DutyLeaveListResponse(leave: try await duty.leave(from: from, through: through).map(DutyLeaveResponse.init))
        }
        group.post("duty/leave") { request, context in
            let admin = try context.requireOfficer()
            let body = try await request.decode(as: DutyLeaveRequest.self, context: context)
            guard let badge = Badge(body.badge) else { throw APIError.unknownOfficer(body.badge) }
            guard let from = LocalDate(body.from), let through = LocalDate(body.through) else { throw APIError.badDutyRange }
            let record = try await duty.recordLeave(badge, from: from, through: through, reason: body.reason, by: admin.badge, at: now())
            return EditedResponse(status: .created, response: DutyLeaveResponse(record))
        }
        group.post("duty/leave/{id}/cancel") { _, context in
            let admin = try context.requireOfficer()
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError.unknownLeave }
            guard try await duty.cancelLeave(id, by: admin.badge, at: now()) else { throw APIError.unknownLeave }
            return Response(status: .noContent)
        }
    }

    private func slot(_ context: AppRequestContext) throws -> DutySlot {
        guard let day = context.parameters.get("day").flatMap({ LocalDate($0) }),
            let half = context.parameters.get("half").flatMap(HalfDay.init(rawValue:))
        else { throw APIError.badDutySlot }
        return DutySlot(day, half)
    }

    /// `from` and `through`, both optional: the hall's today and a week on.
    private func range(_ request: Request) throws -> (LocalDate, LocalDate) {
        let today = hall.serviceDay(at: now())
        let query = request.uri.queryParameters
        guard let from = query.get("from").map({ LocalDate($0) }) ?? today else { throw APIError.badDutyRange }
        guard let through = query.get("through").map({ LocalDate($0) }) ?? (try? from.adding(days: 6)) else { throw APIError.badDutyRange }
        guard from <= through, through.daysSinceEpoch - from.daysSinceEpoch < Self.maxRangeDays else { throw APIError.badDutyRange }
        return (from, through)
    }
}

struct DutyPlanRequest: Decodable {
    struct Person: Decodable {
        let badge: String
        let phone: String

        func onDuty() throws -> OnDuty {
            guard let checked = Badge(badge) else { throw APIError.unknownOfficer(badge) }
            guard let phone = DutyPhone(phone) else { throw APIError.badDutyPhone(checked.value) }
            return OnDuty(badge: checked, phone: phone)
        }
    }
    let leader: Person
    let officers: [Person]
}

struct DutyLeaveRequest: Decodable {
    let badge: String
    let from: String
    let through: String
    let reason: String
}

struct DutyPersonResponse: Codable {
    let badge: String
    let name: String
    let post: String
    let sex: String?
    let phone: String

    init(_ person: DutyRosterRepository.Person) {
        badge = person.badge.value
        name = person.name
        post = person.post
        sex = person.sex?.rawValue
        phone = person.phone.value
    }
}

struct DutyShiftResponse: ResponseEncodable, Decodable {
    let day: String
    let half: String
    let starts: Date
    let ends: Date
    let leader: DutyPersonResponse
    let officers: [DutyPersonResponse]

    init(_ shift: DutyRosterRepository.Shift) {
        day = shift.slot.day.description
        half = shift.slot.half.rawValue
        starts = shift.starts
        ends = shift.ends
        leader = .init(shift.leader)
        officers = shift.officers.map(DutyPersonResponse.init)
    }
}

struct DutyRosterResponse: ResponseEncodable, Decodable {
    let shifts: [DutyShiftResponse]
}

/// The duty leader on duty now; `leader` is null when the slot is not planned.
struct DutyLeaderResponse: ResponseEncodable, Decodable {
    let day: String
    let half: String
    let leader: DutyPersonResponse?

    init(slot: DutySlot, leader: DutyRosterRepository.Person?) {
        day = slot.day.description
        half = slot.half.rawValue
        self.leader = leader.map(DutyPersonResponse.init)
    }
}

struct DutyLeaveResponse: ResponseEncodable, Decodable {
    let id: String
    let badge: String
    let from: String
    let through: String
    let reason: String
    let recordedBy: String

    init(_ record: DutyRosterRepository.LeaveRecord) {
        id = record.id.uuidString.lowercased()
        badge = record.leave.badge.value
        from = record.leave.from.description
        through = record.leave.through.description
        reason = record.leave.reason
        recordedBy = record.recordedBy.value
    }
}

struct DutyLeaveListResponse: ResponseEncodable, Decodable {
    let leave: [DutyLeaveResponse]
}
