import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Booking, capacity kept by the database, the booking code, check-in and the no-show rule, on SQLite and (with
/// `CHUANGKOU_TEST_POSTGRES_URL`) PostgreSQL.
@Suite("Appointment store")
struct AppointmentRepositoryTests {
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let zone = Demo.hall.timeZone
    /// The 调休 Saturday, 10:00.
    let slot = AppointmentSlot(day: LocalDate("2026-02-14")!, start: 10 * 60, minutes: 30)
    var bookingTime: Date { slot.startsAt(in: zone).addingTimeInterval(-2 * 86_400) }
    let limit = AppointmentRepository.Limit(client: "192.0.2.7", maxFailures: 5, window: .seconds(900))

    func repository(_ db: Database, policy: AppointmentPolicy = AppointmentPolicy()) -> AppointmentRepository {
        AppointmentRepository(
            database: db,
            sealer: Self.sealer,
            policy: policy,
            idNumberBusinesses: [Demo.idCard],
            phoneCodes: { "123456" }
        )
    }

    func phone(_ i: Int) -> MobileNumber { MobileNumber("139" + String(format: "%08d", i))! }
    let id = ResidentIDNumber("11010519491231002X")!

    func book(_ repo: AppointmentRepository, _ i: Int, slot: AppointmentSlot? = nil, at now: Date? = nil) async throws -> (Appointment, String) {
        let at = now ?? bookingTime
        try await repo.sendPhoneCode(to: phone(i), at: at)
        return try await repo.book(
            .init(business: Demo.idCard, slot: slot ?? self.slot, name: "张三", phone: phone(i), idNumber: id, phoneCode: "123456"),
            calendar: calendar,
            hall: Demo.hall,
            at: at
        )
    }

    @Test("200 concurrent bookings for the last 10 places: exactly 10 succeed, the rest are told it is full")
    func lastPlaces() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db, policy: AppointmentPolicy(perBusiness: 12, perWindow: 100))
            for i in 0..<2 { _ = try await book(repo, i) }
            for i in 2..<202 { try await repo.sendPhoneCode(to: phone(i), at: bookingTime) }
            let results = await withTaskGroup(of: Result<Bool, any Error>.self) { group in
                for i in 2..<202 {
                    group.addTask {
                        do {
                            _ = try await repo.book(
                                .init(business: Demo.idCard, slot: slot, name: "李四", phone: phone(i), idNumber: id, phoneCode: "123456"),
                                calendar: calendar,
                                hall: Demo.hall,
                                at: bookingTime
                            )
                            return .success(true)
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { (try? $0.get()) == true }.count == 10)
            let failures = results.compactMap { r -> (any Error)? in if case .failure(let e) = r { e } else { nil } }
            #expect(failures.count == 190)
            #expect(failures.allSatisfy { ($0 as? AppointmentError) == .full }, "\(failures.first.map { "\($0)" } ?? "")")
            let left = try await repo.availability(of: Demo.idCard, on: slot.day, calendar: calendar, hall: Demo.hall, at: bookingTime)
            #expect(left.first { $0.slot == slot }?.left == 0)
        }
    }

    @Test("the window group's capacity is shared by the businesses its windows serve")
    func windowGroup() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db, policy: AppointmentPolicy(perBusiness: 50, perWindow: 1))
            let windows = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM window_businesses WHERE business_code = 'id-card'").first()!.decode(
                    column: "n",
                    as: Int.self
                )
            }
            for i in 0..<windows { _ = try await book(repo, i) }
            await #expect(throws: AppointmentError.full) { _ = try await book(repo, 99) }
        }
    }

    @Test("a booking needs the code sent to that phone; wrong codes are counted and run out")
    func phoneCode() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db)
            let booking = AppointmentRepository.Booking(
                business: Demo.idCard,
                slot: slot,
                name: "王五",
                phone: phone(1),
                idNumber: id,
                phoneCode: "123456"
            )
            await #expect(throws: AppointmentError.phoneCodeMissing) { _ = try await repo.book(
                booking,
                calendar: calendar,
                hall: Demo.hall,
                at: bookingTime
            ) }
            try await repo.sendPhoneCode(to: phone(1), at: bookingTime)
            await #expect(throws: AppointmentError.phoneCodeTooSoon) { try await repo.sendPhoneCode(
                to: phone(1),
                at: bookingTime.addingTimeInterval(30)
            ) }
            let wrong = AppointmentRepository.Booking(
                business: Demo.idCard,
                slot: slot,
                name: "王五",
                phone: phone(1),
                idNumber: id,
                phoneCode: "000000"
            )
            for _ in 0..<4 {
                await #expect(throws: AppointmentError.phoneCodeWrong) { _ = try await repo.book(
                    wrong,
                    calendar: calendar,
                    hall: Demo.hall,
                    at: bookingTime
                ) }
            }
            await #expect(throws: AppointmentError.phoneCodeExhausted) { _ = try await repo.book(
                wrong,
                calendar: calendar,
                hall: Demo.hall,
                at: bookingTime
            ) }
            await #expect(throws: AppointmentError.phoneCodeExhausted) { _ = try await repo.book(
                booking,
                calendar: calendar,
                hall: Demo.hall,
                at: bookingTime
            ) }
            // The code went out through the outbox, to the sealed phone.
            // Worded by the booking-code template (MessageKind.bookingCode), which is sent even to an opted-out phone.
            let sent = try await NotificationOutbox(database: db).all().filter { $0.kind == MessageKind.bookingCode.rawValue }
            #expect(sent.count == 1 && sent[0].subject.contains("预约验证码为123456") && sent[0].recipientPhoneSealed != nil)
            #expect(try Self.sealer.open(sent[0].recipientPhoneSealed!) == phone(1).value)
        }
    }

    @Test("the booking's code goes out through its template (an administrator's wording is used), to the sealed phone, once")
    func bookedMessage() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db)
            _ = try await MessageTemplates(database: db).save(
                .bookingConfirmed,
                .chinese,
                body: "预约码{bookingCode}：{date} {time}，{business}。",
                by: Badge("000001")!,
                at: bookingTime
            )
            let (appointment, code) = try await book(repo, 1)
            let sent = try await NotificationOutbox(database: db).all().filter { $0.kind == MessageKind.bookingConfirmed.rawValue }
            #expect(sent.count == 1 && sent[0].key == "booking:\(appointment.id):confirmed")
            let business = try #require(try await BusinessRepository(database: db).find(Demo.idCard))
            #expect(sent[0].subject == "预约码\(code)：2026-02-14 \(slot.label)，\(business.name)。")
            #expect(try Self.sealer.open(try #require(sent[0].recipientPhoneSealed)) == phone(1).value)
        }
    }

    @Test("the ID number is sealed at rest and only kept where the business needs it; the booking code finds the booking")
    func sealedAndFound() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db)
            let (appointment, code) = try await book(repo, 1)
            let row = try await db.read { sql in
                try await sql.raw("SELECT id_number_sealed, phone_sealed, name FROM appointments").first()!
            }
            let sealedID = try row.decode(column: "id_number_sealed", as: String?.self)
            #expect(sealedID != nil && !sealedID!.contains("11010519491231002X"))
            #expect(try Self.sealer.open(sealedID!) == id.value)
            #expect(!(try row.decode(column: "phone_sealed", as: String.self)).contains(phone(1).value))
            guard case .found(let record) = try await repo.find(code: code.lowercased(), limit: limit, at: bookingTime) else {
                Issue.record("not found")
                return
            }
            #expect(record.appointment.id == appointment.id && record.phoneLast4 == String(phone(1).value.suffix(4)))
        }
    }

    @Test("wrong booking codes: the same not-found answer, then refused from that address after 5")
    func codeRateLimit() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db)
            let (_, code) = try await book(repo, 1)
            for i in 0..<5 { #expect(try await repo.find(code: "ABCDEFGHJK2\(i)", limit: limit, at: bookingTime) == .notFound) }
            #expect(try await repo.find(code: code, limit: limit, at: bookingTime) == .limited)
            let elsewhere = AppointmentRepository.Limit(client: "192.0.2.8", maxFailures: 5, window: .seconds(900))
            if case .found = try await repo.find(code: code, limit: elsewhere, at: bookingTime) {} else { Issue.record("other address refused") }
        }
    }

    @Test("change moves the places; cancel gives them back; both refused after the cut-off")
    func changeAndCancel() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db, policy: AppointmentPolicy(perBusiness: 1, perWindow: 100))
            let (_, code) = try await book(repo, 1)
            let other = AppointmentSlot(day: slot.day, start: 14 * 60, minutes: 30)
            guard case .found(let moved) = try await repo.change(
                code: code,
                to: other,
                limit: limit,
                calendar: calendar,
                hall: Demo.hall,
                at: bookingTime
            )
            else { Issue.record("not changed"); return }
            #expect(moved.appointment.slot == other)
            // The old slot is free again: someone else books it.
            _ = try await book(repo, 2)
            await #expect(throws: AppointmentError.pastCutoff) {
                _ = try await repo.cancel(code: code, limit: limit, hall: Demo.hall, at: other.startsAt(in: zone).addingTimeInterval(-3600))
            }
            guard case .found(let cancelled) = try await repo.cancel(code: code, limit: limit, hall: Demo.hall, at: bookingTime) else {
                Issue.record("not cancelled"); return
            }
            #expect(cancelled.appointment.status == .cancelled)
            _ = try await book(repo, 3, slot: other)
        }
    }

    @Test("an on-time check-in is called before earlier walk-ins within its slot, after the green channel; a late one is a walk-in")
    func checkInOrder() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db)
            let tickets = TicketRepository(database: db)
            let (_, onTime) = try await book(repo, 1)
            let (_, late) = try await book(repo, 2)
            let start = slot.startsAt(in: zone)
            let walkIn = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: start.addingTimeInterval(-1800))
            let green = try await tickets.issue(business: Demo.idCard, greenChannel: .elderly, hall: Demo.hall, at: start.addingTimeInterval(300))
            guard case .found(let checked) = try await repo.checkIn(
                code: onTime,
                limit: limit,
                hall: Demo.hall,
                at: start.addingTimeInterval(-600)
            ) else {
                Issue.record("no check-in"); return
            }
            #expect(checked.appointment.status == .checkedIn && checked.ticket != nil)
            guard case .found(let walked) = try await repo.checkIn(
                code: late,
                limit: limit,
                hall: Demo.hall,
                at: start.addingTimeInterval(16 * 60)
            ) else {
                Issue.record("no late check-in"); return
            }
            #expect(walked.appointment.status == .late)
            let now = start.addingTimeInterval(17 * 60)
            let order = try await tickets.waiting(for: [Demo.idCard], serviceDay: slot.day, at: now).map(\.number)
            #expect(order == [green.number, checked.ticket!, walkIn.number, walked.ticket!])
            // The standing count agrees with Core's order.
            let all = try await tickets.waiting(for: [Demo.idCard], serviceDay: slot.day, at: now)
            for ticket in all {
                #expect(try await tickets.standing(of: ticket, at: now)?.position == QueuePolicy.position(of: ticket, among: all, at: now))
            }
            // A second check-in with the same code is refused.
            await #expect(throws: AppointmentError.notBooked(.checkedIn)) { _ = try await repo.checkIn(
                code: onTime,
                limit: limit,
                hall: Demo.hall,
                at: now
            ) }
        }
    }

    @Test("three no-shows within 30 days block the phone from booking, with the date it ends")
    func noShowBlock() async throws {
        try await TestDatabase.withDatabase { db in
            let repo = repository(db, policy: AppointmentPolicy(changeCutoffMinutes: 0))
            let days = ["2026-03-02", "2026-03-03", "2026-03-04"]
            for (i, day) in days.enumerated() {
                let s = AppointmentSlot(day: LocalDate(day)!, start: 9 * 60, minutes: 30)
                _ = try await book(repo, 7, slot: s, at: s.startsAt(in: zone).addingTimeInterval(-86_400 - Double(i) * 120))
            }
            let after = AppointmentSlot(day: LocalDate("2026-03-05")!, start: 9 * 60, minutes: 30).startsAt(in: zone)
            #expect(try await repo.markMissed(hall: Demo.hall, at: after) == 3)
            let next = AppointmentSlot(day: LocalDate("2026-03-06")!, start: 9 * 60, minutes: 30)
            await #expect(throws: AppointmentError.self) { _ = try await book(repo, 7, slot: next, at: after) }
            #expect(try await repo.blockedUntil(phone(7), at: after, zone: zone) != nil)
            _ = try await book(repo, 8, slot: next, at: after)
        }
    }
}
