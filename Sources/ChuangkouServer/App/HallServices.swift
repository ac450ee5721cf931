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
    let guides: GuideRepository
    let cases: CaseRepository
    let ratings: RatingRepository
    let rectifications: RectificationRepository
    let events: EventRelay
    let settings: AppSettings
    /// The time source; tests pass a fixed or moving clock to cross midnight.
    let now: @Sendable () -> Date
    /// The working-day calendar in force (empty, so every date provisional, unless the caller loads it).
    var calendar = CalendarCache()
    let sessions = SessionCache()

    /// One repository of each kind over the hall's database.
    init(
        hall: Hall,
        database: Database,
        events: EventRelay,
        settings: AppSettings,
        now: @escaping @Sendable () -> Date,
        calendar: CalendarCache = CalendarCache(),
        sealer: DataSealer
    ) {
        self.hall = hall
        self.database = database
        tickets = TicketRepository(database: database, policy: settings.policy)
        windows = WindowRepository(database: database)
        businesses = BusinessRepository(database: database)
        officers = OfficerRepository(database: database)
        guides = GuideRepository(database: database)
        cases = CaseRepository(database: database, sealer: sealer, unitCode: settings.documentUnitCode)
        ratings = RatingRepository(database: database, sealer: sealer)
        rectifications = RectificationRepository(database: database)
        self.events = events
        self.settings = settings
        self.now = now
        self.calendar = calendar
    }

    var today: LocalDate { hall.serviceDay(at: now()) }

    var calendarNotices: CalendarRepository { CalendarRepository(database: database) }
    var deadlines: DeadlineRepository { DeadlineRepository(database: database) }

    /// A clock read now, against the calendar in force, the hall's zone and closing time.
    func status(of record: DeadlineRecord) -> DeadlineClock.Status {
        record.clock.status(
            at: now(),
            in: hall.timeZone,
            officeHours: settings.officeHours,
            calendar: calendar.calendar,
            warningWithin: settings.deadlineWarningWithin
        )
    }

    /// The officer a session token belongs to, from the cache when recently seen.
    func officer(forSession token: String) async throws -> Officer? {
        let now = now()
        if let officer = sessions.officer(for: token, at: now) { return officer }
        guard let (officer, expires) = try await officers.session(token, at: now) else { return nil }
        sessions.remember(officer, for: token, sessionExpires: expires, at: now)
        return officer
    }

    func endSession(_ token: String) async throws {
        sessions.forget(token)
        try await officers.endSession(token)
    }
}
