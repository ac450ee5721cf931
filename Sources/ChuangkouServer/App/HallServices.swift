import ChuangkouCore
import ChuangkouStore
import Foundation

/// The hall's repositories, settings and shared caches, built once at start; `buildRouter` hands each controller
/// the parts it uses. No globals.
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
    let sessionCache = SessionCache()

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

    /// The hall, the calendar in force and the time source, read together.
    var time: HallTime {
        HallTime(hall: hall, calendar: calendar, now: now, officeHours: settings.officeHours, warningWithin: settings.deadlineWarningWithin)
    }

    var calendarNotices: CalendarRepository { CalendarRepository(database: database) }
    var deadlines: DeadlineRepository { DeadlineRepository(database: database) }

    /// Sign-in and sessions, with the settings that bound them.
    var sessions: Sessions {
        Sessions(
            officers: officers,
            hasher: PasswordHasher(cost: UInt8(clamping: settings.bcryptCost)),
            cache: sessionCache,
            failedLoginLimit: settings.failedLoginLimit,
            lockout: settings.lockout,
            lifetime: settings.sessionLifetime,
            now: now
        )
    }
}
