import ChuangkouCore
import ChuangkouStore
import Configuration
import Crypto
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Mustache
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Builds the whole hall server from configuration: database, migrations, demo data, routes, live events.
public func buildApplication(reader: ConfigReader, metrics: PrometheusCollectorRegistry? = nil) async throws -> some ApplicationProtocol {
    try await buildApplication(settings: AppSettings(reader: reader), metrics: metrics)
}

/// The same, from settings already read. `now` lets tests move the clock across midnight.
public func buildApplication(
    settings: AppSettings,
    metrics: PrometheusCollectorRegistry? = nil,
    logger: Logger = Logger(label: "chuangkou"),
    now: @escaping @Sendable () -> Date = { Date() },
    announce: @escaping @Sendable (String) -> Void = { message in
        // Flushed at once: the URLs and logins must show up even when stdout is a pipe or a log file.
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }
) async throws -> some ApplicationProtocol {
    let database = try await Database.open(settings.database, synchronous: settings.sqliteSynchronous, logger: logger)
    let hall: Hall
    let demoPassword: String?
    let demoSecret: String?
    do {
        (hall, demoPassword, demoSecret) = try await AuditActor.system("start").acting {
            try await prepare(database, settings: settings, logger: logger, now: now)
        }
    } catch {
        await database.close()
        throw error
    }
    let sealer: DataSealer
    let auditKey: AuditKey
    let sender: any NotificationSender
    do {
        sealer = try settings.loadDataSealer()
        auditKey = try settings.loadAuditKey()
        sender = try settings.makeNotificationSender(logger: logger)
    } catch {
        await database.close()
        throw error
    }
    let relay = EventRelay(
        log: HallEventLog(database: database),
        pollInterval: settings.eventPollInterval,
        listener: settings.eventsListen ? database.hallEventListener : nil,
        logger: logger,
        now: now
    )
    // Displays hear of a change as soon as its transaction commits, whichever code path made it.
    database.whenHallEventsCommit { [relay] in relay.wake() }
    let services = HallServices(
        hall: hall,
        database: database,
        events: relay,
        settings: settings,
        now: now,
        calendar: CalendarCache(
            try await CalendarRepository(database: database).current(),
            repository: CalendarRepository(database: database),
            interval: settings.calendarRefreshInterval,
            logger: logger
        ),
        sealer: sealer,
        auditKey: auditKey
    )
    let watch = DeadlineWatchService(
        watch: DeadlineWatch(
            database: database,
            officeHours: settings.officeHours,
            warningWithin: settings.deadlineWarningWithin,
            logger: logger
        ),
        rectifications: RectificationWatch(database: database),
        complaints: ComplaintWatch(database: database, policy: settings.complaintPolicy),
        inquiries: services.inquiries,
        officeHours: settings.officeHours,
        hall: hall,
        interval: settings.deadlineCheckInterval,
        logger: logger,
        now: now
    )
    let jobs = CaseJobsService(
        cases: services.cases,
        time: services.time,
        checkEvery: settings.caseCheckInterval,
        deliverEvery: settings.notificationInterval,
        delivery: NotificationDelivery(
            outbox: NotificationOutbox(database: database),
            sealer: sealer,
            sender: sender,
            fingerprint: PhoneFingerprint(auditKey: auditKey),
            policy: settings.deliveryPolicy,
            logger: logger
        ),
        logger: logger
    )
    let appointmentDay = AppointmentDayService(
        appointments: services.appointments,
        hall: hall,
        startsAt: settings.appointmentDayRunAt,
        checkEvery: settings.appointmentDayRunCheck,
        worker: "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
        logger: logger,
        now: now
    )
    let deskRollups = DeskRollupService(
        desk: DeskRepository(database: database),
        hall: hall,
        days: settings.deskRollupDays,
        checkEvery: .seconds(600),
        logger: logger,
        now: now
    )
    let router = try await buildRouter(services: services, metrics: metrics)
    let base = "http://\(settings.host):\(settings.port)"
    var banner = """
        \(hall.name) — Chuangkou is serving on \(base)
          取号机 Kiosk:           \(base)/kiosk
          叫号屏 Display:         \(base)/display
          窗口工作台 Console:     \(base)/console
          办事指南 Guides:        \(base)/guides
          办件查询 Status:        \(base)/status
          办理时限 Deadlines:     \(base)/deadlines
          指南管理 Admin guides:  \(base)/admin/guides
          放假安排 Calendar:      \(base)/admin/calendar
          咨询台 Desk:            \(base)/desk
          API:                   \(base)/api/v1  (OpenAPI: \(base)/openapi.json)
          Database:              \(settings.database)
        """
    if let demoPassword {
        banner += "\n  Demo logins (警号 / password \(demoPassword)):\n"
        for officer in DemoHall.officers {
            let roles = officer.roles.sorted.map { "\($0.label) \($0.labelEnglish)" }.joined(separator: ", ")
            banner += "    \(officer.badge)  \(officer.name)  \(officer.post)  (\(roles))\n"
        }
    }
    if let demoSecret {
        banner += "  Administrators' TOTP secret (add it to an authenticator app): \(demoSecret)\n"
    }
    let message = banner
    return Application(
        router: router,
        // Idle (and header) timeout: a connection that sends no complete request head, or stops sending its body,
        // for this long is closed; with the body deadline and the connection cap, slow clients cannot pin the server.
        server: .http1(configuration: .init(idleTimeout: .seconds(settings.idleTimeout.components.seconds))),
        configuration: .init(
            address: .hostname(settings.host, port: settings.port),
            serverName: "chuangkou",
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections, logger: logger)
        ),
        services: [
            DatabaseService(database: database), relay, services.calendar, watch, jobs, appointmentDay, deskRollups,
            AuditService(services: services, key: auditKey, logger: logger), KeyRotationService(database: database, sealer: sealer, logger: logger),
        ],
        onServerRunning: { _ in announce(message) },
        eventLoopGroupProvider: settings.eventLoopThreads == 0
            ? .singleton : .shared(MultiThreadedEventLoopGroup(numberOfThreads: settings.eventLoopThreads)),
        logger: logger
    )
}

/// Migrates, loads the demo hall on an empty database, and sets the demo password when one is given.
/// Returns the hall, the demo password and the demo administrators' TOTP secret to print (nil when the demo accounts
/// keep earlier ones).
private func prepare(
    _ database: Database,
    settings: AppSettings,
    logger: Logger,
    now: @Sendable () -> Date
) async throws -> (Hall, String?, String?) {
    let applied = try await Migrator(database: database).migrate()
    if !applied.isEmpty { logger.info("applied migrations", metadata: ["versions": "\(applied)"]) }
    let shipped = try await CalendarRepository(database: database).installShipped(at: now())
    if !shipped.isEmpty { logger.info("installed the shipped holiday notices", metadata: ["years": "\(shipped)"]) }
    let hasher = PasswordHasher(cost: UInt8(clamping: settings.bcryptCost))
    var printed: String?
    var printedSecret: String?
    if settings.loadDemoData {
        if let given = settings.demoPassword, given.trimmingCharacters(in: .whitespaces).isEmpty { throw SetupError.emptyDemoPassword }
        let password = settings.demoPassword ?? randomPassword()
        let secret = settings.demoSecondFactorSecret ?? Base32.encode(TOTP.newSecret())
        guard Base32.decode(secret).map({ $0.count >= 10 }) == true else { throw SetupError.badDemoSecondFactorSecret }
        let hash = try await hasher.hash(password)
        if try await DemoHall.loadIfEmpty(into: database, passwordHash: hash, secondFactorSecret: secret, at: now()) {
            printed = password
            printedSecret = secret
        } else {
            if settings.demoPassword != nil {
                try await OfficerRepository(database: database).setPassword(hash, for: DemoHall.officers.map(\.badge))
                printed = password
            }
            if settings.demoSecondFactorSecret != nil {
                for badge in DemoHall.administrators where try await AccountRepository(database: database).find(badge) != nil {
                    try await AccountRepository(database: database).setSecondFactorSecret(badge, secret: secret, confirmed: true)
                }
                printedSecret = secret
            }
        }
    }
    if let directory = settings.catalogDirectory {
        let guides = try CatalogFile.load(directory: URL(fileURLWithPath: directory))
        let done = try await GuideRepository(database: database).publish(catalog: guides, by: nil, note: "启动时导入 \(directory)", at: now())
        logger.info(
            "catalog loaded",
            metadata: ["directory": "\(directory)", "guides": "\(done.count)", "changed": "\(done.filter(\.changed).count)"]
        )
    }
    guard let hall = try await HallRepository(database: database).load() else { throw StoreError.hallNotConfigured }
    return (hall, printed, printedSecret)
}

private func randomPassword() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    return String((0..<10).map { _ in alphabet.randomElement()! })
}

/// Routes: JSON API under /api/v1, pages, static files, health, metrics and the OpenAPI document.
func buildRouter(services: HallServices, metrics: PrometheusCollectorRegistry?) async throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    guard let resources = Bundle.module.resourceURL else { throw SetupError.missingResources }
    let templates = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
    let openAPI = try Data(contentsOf: resources.appendingPathComponent("static/openapi.json"))

    let settings = services.settings
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    if metrics != nil { router.add(middleware: MetricsMiddleware()) }
    // Error rendering sits on the router, not on route groups, so unknown paths get the same answers:
    // JSON under /api/, an HTML page elsewhere.
    router.add(middleware: PageErrorMiddleware(templates: templates, hall: services.hall))
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: RequestBodyMiddleware(maxBytes: settings.maxBodyBytes, deadline: settings.bodyTimeout))
    router.add(middleware: FileMiddleware(resources.appendingPathComponent("static").path, urlBasePath: "/static"))
    let sessions = services.signedIn
    router.add(middleware: OfficerAuthenticator(devices: services.devices, sessions: sessions))
    // The audit binds who acts before the route table refuses anyone, so refusals are recorded too.
    router.add(middleware: AuditMiddleware(database: services.database, now: services.now))
    router.add(middleware: AccessMiddleware(anonymousTickets: settings.anonymousTickets))
    router.add(middleware: CSRFMiddleware())

    struct Health: ResponseEncodable { let status: String }
    router.get("healthz") { _, _ in Health(status: "ok") }
    router.get("openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
    if let metrics {
        router.get("metrics") { request, context in
            // Only from the configured addresses, or with the metrics token: the figures describe the hall's traffic.
            let token = OfficerAuthenticator.credentials(in: request).flatMap { $0.fromCookie ? nil : $0.token }
            let tokenOK = settings.metricsToken.map { expected in token.map { CSRFMiddleware.equal($0, expected) } ?? false } ?? false
            guard settings.metricsAddresses.contains(context.clientAddress) || tokenOK else { throw APIError.forbidden }
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    let time = services.time
    let pages = PageRenderer(templates: templates, hall: services.hall, publicURL: services.settings.publicURL)
    let hasher = PasswordHasher(cost: UInt8(clamping: services.settings.bcryptCost))
    let auth = AuthController(
        accounts: services.accounts,
        signIns: services.signIns,
        sessions: sessions,
        throttle: settings.loginThrottle,
        sessionLifetime: settings.sessionLifetime,
        now: services.now,
        hasher: hasher,
        decoyHash: try await hasher.hash(randomPassword())
    )
    let api = router.group("api/v1")
    api.addRoutes(auth.endpoints, atPath: "auth")
    OwnAccountController(accounts: services.accounts, sessions: services.sessions, now: services.now, hasher: hasher).addRoutes(to: api)
    AccountsController(
        accounts: services.accounts,
        signIns: services.signIns,
        sessions: services.sessions,
        now: services.now,
        hasher: hasher
    )
    .addRoutes(to: api)
    DevicesController(devices: services.devices, now: services.now).addRoutes(to: api)
    QueueController(
        tickets: services.tickets,
        windows: services.windows,
        businesses: services.businesses,
        officers: services.officers,
        time: time,
        limits: .init(
            limiter: services.ticketLimiter,
            perKioskPerMinute: services.settings.ticketsPerMinutePerKiosk,
            perAddressPerMinute: services.settings.ticketsPerMinutePerAddress
        )
    )
    .addRoutes(to: api)
    EventsController(relay: services.events).addRoutes(to: api)
    GuidesController(guides: services.guides, now: services.now).addRoutes(to: api)
    OfficerPhotosController(officers: services.officers, now: services.now).addRoutes(to: api)
    let publisher = HolidayPublisher(notices: services.calendarNotices, cache: services.calendar, now: services.now)
    CalendarController(notices: services.calendarNotices, publisher: publisher).addRoutes(to: api)
    let board = DeadlineBoard(deadlines: services.deadlines, time: time)
    DeadlineController(deadlines: services.deadlines, businesses: services.businesses, board: board).addRoutes(to: api)

    PagesController(
        pages: pages,
        signIn: { try await auth.signIn(badge: $0, password: $1, code: $2, from: $3) },
        endSession: { try await sessions.end($0) },
        secureCookies: services.settings.secureCookies,
        businesses: services.businesses,
        windows: services.windows,
        officers: services.officers,
        sessionLifetime: services.settings.sessionLifetime,
        recallsBeforeNoShow: services.settings.policy.recallsBeforeNoShow,
        today: { time.date }
    )
    .addRoutes(to: router.group())
    // Appointments (issue 15, h15).
    let appointments = AppointmentsController(
        appointments: services.appointments,
        businesses: services.businesses,
        calendar: services.calendar,
        hall: services.hall,
        now: services.now,
        maxFailures: services.settings.statusQueryMaxFailures,
        window: services.settings.statusQueryWindow
    )
    appointments.addRoutes(to: api)
    QueuePagesController(
        pages: pages,
        tickets: services.tickets,
        windows: services.windows,
        businesses: services.businesses,
        guides: services.guides,
        today: { time.date },
        now: services.now,
        placesLeft: { try await appointments.today().businesses.reduce(into: [:]) { $0[$1.business] = $1.placesLeft } },
        dutyLeader: { [duty = services.duty, now = services.now] in try await duty.leaderOnDuty(at: now()) },
        rate: { [ratings = services.ratings, hall = services.hall, now = services.now] id, input in
            try await ratings.rate(ticket: id, input, hall: hall, at: now()).rating.isBad
        },
        ratingOffer: { [ratings = services.ratings, now = services.now] ticket in
            let finished = ticket.status == .finished ? ticket.finishedAt : nil
            return ratings.policy.offer(servedAt: finished, rated: try await ratings.isRated(ticket: ticket.id), at: now())
        },
        lateRatingDays: services.ratings.policy.lateRatingDays,
        contacts: services.ticketContacts
    )
    .addRoutes(to: router.group())
    GuidePagesController(pages: pages, guides: services.guides, officers: services.officers, now: services.now).addRoutes(to: router.group())
    DeadlineBoardPages(pages: pages, board: board).addRoutes(to: router.group())
    CalendarAdminPages(pages: pages, publisher: publisher, time: time).addRoutes(to: router.group())
    let status = StatusQuery(
        cases: services.cases,
        guides: services.guides,
        ratings: services.ratings,
        time: time,
        maxFailures: services.settings.statusQueryMaxFailures,
        window: services.settings.statusQueryWindow
    )
    EvaluationController(
        ratings: services.ratings,
        rectifications: services.rectifications,
        businesses: services.businesses,
        hall: services.hall,
        calendar: services.calendar,
        status: status,
        publicURL: services.settings.publicURL,
        now: services.now
    )
    .addRoutes(to: api)
    FixRatingPages(
        pages: pages,
        rectifications: services.rectifications,
        businesses: services.businesses,
        maxFailures: services.settings.statusQueryMaxFailures,
        window: services.settings.statusQueryWindow,
        now: services.now
    )
    .addRoutes(to: router.group())
    RectificationPages(
        pages: pages,
        rectifications: services.rectifications,
        businesses: services.businesses,
        officers: services.officers,
        time: time
    )
    .addRoutes(to: router.group())
    ResultsPages(pages: pages, ratings: services.ratings, businesses: services.businesses, time: time).addRoutes(to: router.group())
    let ratingPad = RatingPadController(
        pages: pages,
        devices: services.devices,
        ratings: services.ratings,
        windows: services.windows,
        businesses: services.businesses,
        hall: services.hall,
        secureCookies: services.settings.secureCookies,
        now: services.now
    )
    ratingPad.addAPIRoutes(to: api)
    ratingPad.addPageRoutes(to: router.group())
    RatingPadAdminPages(pages: pages, devices: services.devices, windows: services.windows, now: services.now).addRoutes(to: router.group())
    DutyController(duty: services.duty, hall: services.hall, now: services.now).addRoutes(to: api)
    // Notifications (issue 15): the phone fingerprint is derived from the audit key, as the delivery's is, so an
    // opt-out recorded here is the one delivery honours.
    let fingerprint = services.auditKey.map(PhoneFingerprint.init(auditKey:)) ?? PhoneFingerprint(key: SymmetricKey(size: .bits256))
    NotificationsController(
        templates: MessageTemplates(database: services.database),
        outbox: NotificationOutbox(database: services.database),
        preferences: NotificationPreferences(database: services.database, fingerprint: fingerprint),
        contacts: services.ticketContacts,
        now: services.now
    )
    .addRoutes(to: api)
    NotificationPages(
        pages: pages,
        templates: MessageTemplates(database: services.database),
        outbox: NotificationOutbox(database: services.database),
        time: time
    )
        .addRoutes(to: router.group())
    let onSite = OnSiteController(
        visits: services.onSite,
        hall: services.hall,
        calendar: services.calendar,
        now: services.now,
        // The complaints' limiter object, under `onsite:` keys, with on-site's own setting.
        limiter: services.complaintLimiter,
        perAddressPerMinute: services.settings.onSitePerMinutePerAddress
    )
    onSite.addRoutes(to: api)
    OnSitePages(pages: pages, api: onSite, officers: services.officers, businesses: services.businesses).addRoutes(to: router.group())
    OnSiteVisitPages(pages: pages, api: onSite, officers: services.officers, businesses: services.businesses, cases: services.cases)
        .addRoutes(to: router.group())
    OnSiteCitizenPages(pages: pages, api: onSite, businesses: services.businesses).addRoutes(to: router.group())
    InquiriesController(
        inquiries: services.inquiries,
        bodies: CompetentBodyDirectory(database: services.database),
        hall: services.hall,
        now: services.now
    )
    .addRoutes(to: api)
    IncidentsController(incidents: IncidentRepository(database: services.database), hall: services.hall, now: services.now).addRoutes(to: api)
    HandoverController(handovers: TicketHandoverRepository(database: services.database), hall: services.hall, now: services.now)
        .addRoutes(to: api)
    IncidentPages(
        pages: pages,
        incidents: IncidentRepository(database: services.database),
        handovers: TicketHandoverRepository(database: services.database),
        wordings: RefusalWordingStore(database: services.database),
        officers: services.officers,
        hall: services.hall,
        now: services.now
    )
    .addRoutes(to: router.group())
    ExplanationPages(
        pages: pages,
        guides: services.guides,
        businesses: services.businesses,
        wordings: RefusalWordingStore(database: services.database),
        hall: services.hall,
        now: services.now
    )
    .addRoutes(to: router.group())
    RefusalWordingAdminPages(pages: pages, wordings: RefusalWordingStore(database: services.database), now: services.now)
        .addRoutes(to: router.group())
    DutyAdminPages(pages: pages, duty: services.duty, officers: services.officers, hall: services.hall, now: services.now)
        .addRoutes(to: router.group())
    CompetentBodyAdminPages(pages: pages, bodies: CompetentBodyDirectory(database: services.database), now: services.now)
        .addRoutes(to: router.group())
    InquiryPages(
        pages: pages,
        inquiries: services.inquiries,
        bodies: CompetentBodyDirectory(database: services.database),
        businesses: services.businesses,
        guides: services.guides,
        officers: services.officers,
        hall: services.hall,
        now: services.now
    )
    .addRoutes(to: router.group())
    let complaints = ComplaintsController(
        complaints: services.complaints,
        hall: services.hall,
        now: services.now,
        maxFailures: services.settings.statusQueryMaxFailures,
        window: services.settings.statusQueryWindow,
        filingLimit: .init(limiter: services.complaintLimiter, perAddressPerMinute: services.settings.complaintsPerMinutePerAddress)
    )
    complaints.addRoutes(to: api)
    AppointmentPages(pages: pages, api: appointments).addRoutes(to: router.group())
    ComplaintPages(pages: pages, api: complaints, tickets: services.tickets).addRoutes(to: router.group())
    ComplaintStaffPages(
        pages: pages,
        complaints: services.complaints,
        businesses: services.businesses,
        officers: services.officers,
        time: time
    )
    .addRoutes(to: router.group())
    SupervisionController(reviews: OutOfTurnReviewRepository(database: services.database), now: services.now).addRoutes(to: api)
    InspectionsController(inspections: InspectionRepository(database: services.database), hall: services.hall, now: services.now)
        .addRoutes(to: api)
    InspectionPages(
        pages: pages,
        inspections: InspectionRepository(database: services.database),
        officers: services.officers,
        windows: services.windows,
        time: time
    )
    .addRoutes(to: router.group())
    SpotChecksController(spotChecks: SpotCheckRepository(database: services.database), hall: services.hall, now: services.now)
        .addRoutes(to: api)
    SpotCheckPages(
        pages: pages,
        spotChecks: SpotCheckRepository(database: services.database),
        officers: services.officers,
        businesses: services.businesses,
        time: time
    )
    .addRoutes(to: router.group())
    let desk = DeskController(desk: DeskRepository(database: services.database), hall: services.hall, now: services.now)
    desk.addRoutes(to: api)
    DeskPages(pages: pages, desk: desk).addRoutes(to: router.group())
    let workload = WorkloadController(
        workload: WorkloadRepository(database: services.database),
        hall: services.hall,
        now: services.now,
        heavyServingMinutes: services.settings.heavyServingMinutes
    )
    workload.addRoutes(to: api)
    WorkloadPages(pages: pages, api: workload, officers: services.officers).addRoutes(to: router.group())
    CasesController(
        cases: services.cases,
        pages: pages,
        status: status,
        unitAbbreviation: services.settings.documentUnitAbbreviation
    ).addRoutes(to: api, pages: router.group())
    CasePagesController(
        pages: pages,
        cases: services.cases,
        tickets: services.tickets,
        inquiries: services.inquiries,
        guides: services.guides,
        officers: services.officers,
        visits: services.onSite,
        status: status
    )
    .addRoutes(to: router.group())
    let audit = AuditController(
        log: AuditLog(database: services.database),
        database: services.database,
        hall: services.hall,
        anchorKey: services.auditKey,
        now: services.now
    )
    audit.addRoutes(to: api)
    AuditPages(pages: pages, audit: audit).addRoutes(to: router.group())
    return router
}

/// Why the server could not be put together.
enum SetupError: Error {
    /// The bundle with templates and static files was not found next to the executable.
    case missingResources
    /// `chuangkou.data-key` is not base64 of 32 bytes (each, when several are given).
    case badDataKey
    /// `--demo-password ""`: the demo hall would have accounts anyone can enter.
    case emptyDemoPassword
    /// `chuangkou.demo.totp-secret` is not base32 of at least 10 bytes.
    case badDemoSecondFactorSecret
    /// `chuangkou.audit.key` is not base64 of 32 bytes.
    case badAuditKey
    /// `notifications.sender` is neither `log` nor `http`, or `http` lacks the gateway's URL or secret.
    case smsGatewayIncomplete
}

/// Keeps the database open for the life of the application, checkpoints it, and closes it after a graceful shutdown.
struct DatabaseService: Service {
    let database: Database

    func run() async throws {
        // Checkpoint the SQLite write-ahead log every second until shutdown; then close.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                try? await database.checkpoint()
            }
        }
        await database.close()
    }
}
