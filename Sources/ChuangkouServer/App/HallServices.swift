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
    let accounts: AccountRepository
    let signIns: SignInRepository
    let devices: DeviceRepository
    let guides: GuideRepository
    let cases: CaseRepository
    let ratings: RatingRepository
    let rectifications: RectificationRepository
    let complaints: ComplaintRepository
    /// A ticket holder's phone for the heads-up (issue 15).
    let ticketContacts: TicketContacts
    let duty: DutyRosterRepository
    let onSite: OnSiteRepository
    let inquiries: InquiryRepository
    let appointments: AppointmentRepository
    let events: EventRelay
    let settings: AppSettings
    /// The time source; tests pass a fixed or moving clock to cross midnight.
    let now: @Sendable () -> Date
    /// The working-day calendar in force (empty, so every date provisional, unless the caller loads it).
    var calendar = CalendarCache()
    let sessions = SessionCache()
    let ticketLimiter = TicketRateLimiter()
    /// Public complaint filings per address, counted apart from tickets.
    let complaintLimiter = TicketRateLimiter()
    /// The key of the audit's daily anchors; nil only in tests that build the router alone.
    let auditKey: AuditKey?

    /// One repository of each kind over the hall's database.
    init(
        hall: Hall,
        database: Database,
        events: EventRelay,
        settings: AppSettings,
        now: @escaping @Sendable () -> Date,
        calendar: CalendarCache = CalendarCache(),
        sealer: DataSealer,
        auditKey: AuditKey? = nil
    ) {
        self.hall = hall
        self.database = database
        tickets = TicketRepository(database: database, policy: settings.policy)
        windows = WindowRepository(database: database)
        businesses = BusinessRepository(database: database)
        officers = OfficerRepository(database: database)
        accounts = AccountRepository(database: database)
        signIns = SignInRepository(database: database)
        devices = DeviceRepository(database: database)
        guides = GuideRepository(database: database)
        cases = CaseRepository(database: database, sealer: sealer, unitCode: settings.documentUnitCode)
        ratings = RatingRepository(database: database, sealer: sealer, policy: settings.ratingPolicy)
        rectifications = RectificationRepository(database: database, sealer: sealer)
        complaints = ComplaintRepository(database: database, sealer: sealer, policy: settings.complaintPolicy)
        ticketContacts = TicketContacts(database: database, sealer: sealer)
        duty = DutyRosterRepository(database: database, hours: settings.dutyHours)
        onSite = OnSiteRepository(database: database, sealer: sealer)
        inquiries = InquiryRepository(database: database, sealer: sealer)
        appointments = AppointmentRepository(
            database: database,
            sealer: sealer,
            policy: settings.appointmentPolicy,
            idNumberBusinesses: settings.appointmentIDNumberBusinesses
        )
        self.events = events
        self.settings = settings
        self.now = now
        self.calendar = calendar
        self.auditKey = auditKey
    }

    /// The hall, the calendar in force and the time source, read together.
    var time: HallTime {
        HallTime(hall: hall, calendar: calendar, now: now, officeHours: settings.officeHours, warningWithin: settings.deadlineWarningWithin)
    }

    var calendarNotices: CalendarRepository { CalendarRepository(database: database) }
    var deadlines: DeadlineRepository { DeadlineRepository(database: database) }

    /// Sessions read through the cache, for the authenticator and sign-in and sign-out.
    var signedIn: Sessions { Sessions(signIns: signIns, officers: officers, cache: sessions, now: now) }
}
