import ChuangkouCore
import ChuangkouStore
import Configuration
import Foundation

/// The settings the server reads, from flags, environment (`CHUANGKOU_DATABASE`, …) and an optional JSON file,
/// in that order of precedence. Keys are dotted (`chuangkou.database`); the environment spells them in capitals.
public struct AppSettings: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    /// Fixed demo password; nil means generate a random one and print it.
    public var demoPassword: String?
    public var loadDemoData: Bool
    /// A directory of the hall's own guide YAML files, validated and published (changed guides only) at start.
    /// A broken catalog stops the start with every problem's file and line; nothing is published then.
    public var catalogDirectory: String?
    public var bcryptCost: Int
    public var sqliteSynchronous: Database.SQLiteSynchronous
    public var policy: QueuePolicy
    public var sessionLifetime: Duration
    public var failedLoginLimit: Int
    public var lockout: Duration
    /// Sign-in failures per (badge, source address): `failedLoginLimit` free, then `loginFirstDelay` doubling up to
    /// `lockout`.
    public var loginFirstDelay: Duration
    /// The demo administrators' TOTP secret (base32); nil: a random one, printed with the demo logins.
    public var demoSecondFactorSecret: String?
    /// Visitors may take tickets without a kiosk token (`chuangkou.tickets.anonymous`; on for the demo hall).
    public var anonymousTickets: Bool
    /// Tickets per minute one kiosk device may issue, and one source address without a kiosk token.
    public var ticketsPerMinutePerKiosk: Int
    public var ticketsPerMinutePerAddress: Int
    /// Mark the session cookie `Secure` (halls served over TLS, directly or behind a proxy).
    public var secureCookies: Bool
    /// Who may read `/metrics`: these peer addresses, or anyone with `Authorization: Bearer <metricsToken>`.
    public var metricsAddresses: [String]
    public var metricsToken: String?
    /// Slow or silent clients: a connection idle this long is closed; a request's head must arrive within
    /// `headerTimeout` and its body within `bodyTimeout`; at most `maxConnections` at once.
    public var idleTimeout: Duration
    public var headerTimeout: Duration
    public var bodyTimeout: Duration
    public var maxConnections: Int
    /// The largest request body accepted (413 above it).
    public var maxBodyBytes: Int
    /// How often the event relay looks for events written by other processes.
    public var eventPollInterval: Duration
    /// PostgreSQL: whether the relay also listens for other processes' commits (LISTEN/NOTIFY) instead of waiting for
    /// its next poll.
    public var eventsListen: Bool
    /// Event-loop threads for HTTP; 0 means one per core (NIO's shared group). The default is half the
    /// cores: handlers and SQLite run on Swift's cooperative pool, and on 2 cores one loop thread gave
    /// ≈ 8 % more lifecycles/s than two (BENCHMARKS.md).
    public var eventLoopThreads: Int
    /// How often the deadline watch looks for clocks entering warning or overdue; zero turns it off in this process.
    public var deadlineCheckInterval: Duration
    /// At most this many working days left is a warning (临期预警). Default 1.
    public var deadlineWarningWithin: Int
    /// When the office day ends: a deadline falls due at closing time on its date (Asia/Shanghai or the hall's zone).
    public var officeHours: OfficeHours
    /// When the afternoon duty of the roster takes over from the morning's (`HH:MM`, hall's zone; default 12:00).
    public var dutyHours: DutyHours
    /// How often the calendar in memory is reread, to pick up notices published through another process.
    public var calendarRefreshInterval: Duration
    /// The key that seals ID numbers and phones at rest: base64 of 32 bytes. Nil: read (or create) `dataKeyFile`.
    public var dataKey: String?
    /// Where the generated data key lives: beside the SQLite file, or `./data/data-key` for PostgreSQL (several
    /// processes on one PostgreSQL database must share the key: give them `chuangkou.data-key`).
    public var dataKeyFile: String
    /// The issuing unit's code in document numbers (`DHGA-2026-000017`).
    public var documentUnitCode: String
    /// The unit's abbreviation (机关代字) in printed 文号: 东公（窗）受字〔2026〕17号.
    public var documentUnitAbbreviation: String
    /// The address citizens' phones reach the hall at (`https://hall.example`), for the QR codes and status links on
    /// ticket slips and documents. Nil: the address the kiosk or officer's browser used (the request's Host).
    public var publicURL: String?
    /// Failed public status queries allowed per client address and per code within `statusQueryWindow`.
    public var statusQueryMaxFailures: Int
    public var statusQueryWindow: Duration
    /// Complaint limits in calendar days (`chuangkou.complaints.*`, see `AppSettings+Complaints.swift`).
    public var complaintPolicy: Complaint.Policy
    /// Complaints the public form takes per source address each minute (`chuangkou.complaints.per-minute-per-address`).
    public var complaintsPerMinutePerAddress: Int
    /// Public on-site requests and queries per source address each minute (`chuangkou.onsite.per-minute-per-address`).
    public var onSitePerMinutePerAddress: Int
    /// `chuangkou.supervision.heavy-serving-minutes` (360, 30–1440): a day with more serving is marked on the workload.
    public var heavyServingMinutes: Int
    /// `chuangkou.supervision.rollup-days` (62, 0–3660; 0 off): closed days the desk keeps rolled ahead of its reads.
    public var deskRollupDays: Int
    /// Appointments (预约): hours, capacity, horizon, cut-off, check-in window and the no-show rule.
    public var appointmentPolicy: AppointmentPolicy
    /// Businesses whose booking asks for the 居民身份证号码.
    public var appointmentIDNumberBusinesses: Set<BusinessCode>
    /// When the appointments' day run (no-shows, tomorrow's reminders) may start each day, in minutes after midnight,
    /// and how often a process looks (`chuangkou.appointments.day-run-at`, `…day-run-check-minutes`; 0 turns it off).
    public var appointmentDayRunAt: Int
    public var appointmentDayRunCheck: Duration
    /// Ratings: how many days after the service or the decision a later rating is accepted (RULES §6, default 7).
    public var ratingPolicy: RatingPolicy
    /// How often the case jobs run (deemed acceptance, 容缺 termination, the notice warning); zero turns them off here.
    public var caseCheckInterval: Duration
    /// How applicants are notified: `log` (default) or `http` (an SMS gateway at `smsURL`, signed with `smsSecret`).
    public var notificationSender: String
    public var smsURL: String?
    public var smsSecret: String?
    /// How often the outbox is drained to the sender; zero turns delivery off in this process.
    public var notificationInterval: Duration
    /// Retries, backoff, per-phone limit and lease of the outbox (`chuangkou.notifications.*`).
    public var deliveryPolicy: DeliveryPolicy
    /// The SMS gateway's whole-request timeout (connecting included), 1–60 seconds.
    public var smsTimeout: Duration
    /// The key of the audit's daily anchors (base64 of 32 bytes). Nil: read (or create) `auditKeyFile`.
    public var auditKey: String?
    /// Where the generated audit key lives: `audit-key` beside the data key file.
    public var auditKeyFile: String
    /// Audit rows stay in the table at least this many days (never fewer than 180: 等级保护 level 3), then move to
    /// archive files in `auditArchiveDirectory`.
    public var auditRetentionDays: Int
    public var auditArchiveDirectory: String
    /// How often the audit job writes the day's anchor and archives expired rows; zero turns it off in this process.
    public var auditCheckInterval: Duration

    public init(reader: ConfigReader) {
        host = reader.string(forKey: "http.host", default: "127.0.0.1")
        port = reader.int(forKey: "http.port", default: 8080)
        database = DatabaseLocation(reader.string(forKey: "chuangkou.database", default: "./data/chuangkou.sqlite"))
        demoPassword = reader.string(forKey: "chuangkou.demo.password", isSecret: true)
        loadDemoData = reader.bool(forKey: "chuangkou.demo.load", default: true)
        catalogDirectory = reader.string(forKey: "chuangkou.catalog")
        bcryptCost = reader.int(forKey: "chuangkou.bcrypt.cost", default: 10)
        sqliteSynchronous =
            Database.SQLiteSynchronous(rawValue: reader.string(forKey: "chuangkou.sqlite.synchronous", default: "FULL").uppercased()) ?? .full
        policy = QueuePolicy(recallsBeforeNoShow: reader.int(forKey: "chuangkou.queue.recalls-before-no-show", default: 2))
        sessionLifetime = .seconds(reader.int(forKey: "chuangkou.session.minutes", default: 480) * 60)
        failedLoginLimit = reader.int(forKey: "chuangkou.login.failures-before-lockout", default: 5)
        lockout = .seconds(max(1, reader.int(forKey: "chuangkou.login.lockout-minutes", default: 15)) * 60)
        loginFirstDelay = .seconds(max(1, reader.int(forKey: "chuangkou.login.first-delay-seconds", default: 30)))
        demoSecondFactorSecret = reader.string(forKey: "chuangkou.demo.totp-secret", isSecret: true)
        anonymousTickets = reader.bool(forKey: "chuangkou.tickets.anonymous", default: true)
        ticketsPerMinutePerKiosk = max(1, reader.int(forKey: "chuangkou.tickets.per-minute-per-kiosk", default: 60))
        ticketsPerMinutePerAddress = max(1, reader.int(forKey: "chuangkou.tickets.per-minute-per-address", default: 30))
        secureCookies = reader.bool(forKey: "chuangkou.cookies.secure", default: false)
        metricsAddresses = reader.string(forKey: "chuangkou.metrics.addresses", default: "127.0.0.1,::1")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        metricsToken = reader.string(forKey: "chuangkou.metrics.token", isSecret: true)
        idleTimeout = .seconds(max(1, reader.int(forKey: "http.idle-timeout-seconds", default: 60)))
        headerTimeout = .seconds(max(1, reader.int(forKey: "http.header-timeout-seconds", default: 15)))
        bodyTimeout = .seconds(max(1, reader.int(forKey: "http.body-timeout-seconds", default: 30)))
        maxConnections = max(1, reader.int(forKey: "http.max-connections", default: 1000))
        maxBodyBytes = max(1024, reader.int(forKey: "http.max-body-bytes", default: 2 * 1024 * 1024))
        eventPollInterval = .milliseconds(reader.int(forKey: "chuangkou.events.poll-ms", default: 250))
        eventsListen = reader.bool(forKey: "chuangkou.events.listen", default: true)
        eventLoopThreads = max(
            0,
            reader.int(
                forKey: "http.event-loop-threads",
                default: max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
            )
        )
        deadlineCheckInterval = .seconds(max(0, reader.int(forKey: "chuangkou.deadlines.check-minutes", default: 10)) * 60)
        deadlineWarningWithin = max(0, reader.int(forKey: "chuangkou.deadlines.warning-working-days", default: 1))
        officeHours = Self.officeHours(reader.string(forKey: "chuangkou.deadlines.office-closes", default: "17:30")) ?? OfficeHours()
        dutyHours = DutyHours(reader.string(forKey: "chuangkou.duty.afternoon-starts", default: "12:00")) ?? DutyHours()
        calendarRefreshInterval = .seconds(max(1, reader.int(forKey: "chuangkou.calendar.refresh-seconds", default: 60)))
        dataKey = reader.string(forKey: "chuangkou.data-key", isSecret: true)
        let defaultKeyFile: String =
            switch database {
            case .sqlite(let path): URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data-key").path
            case .postgres: "./data/data-key"
            }
        dataKeyFile = reader.string(forKey: "chuangkou.data-key-file", default: defaultKeyFile)
        documentUnitCode = reader.string(forKey: "chuangkou.documents.unit-code", default: "DHGA")
        publicURL = Self.publicURL(reader.string(forKey: "chuangkou.public-url"))
        documentUnitAbbreviation =
            OfficialNumber.abbreviation(reader.string(forKey: "chuangkou.documents.unit-abbreviation", default: "东公（窗）")) ?? "东公（窗）"
        statusQueryMaxFailures = max(1, reader.int(forKey: "chuangkou.status.max-failures", default: 5))
        statusQueryWindow = .seconds(max(1, reader.int(forKey: "chuangkou.status.window-minutes", default: 15)) * 60)
        complaintPolicy = Self.complaintPolicy(reader)
        complaintsPerMinutePerAddress = Self.complaintsPerMinutePerAddress(reader)
        onSitePerMinutePerAddress = Self.onSitePerMinutePerAddress(reader)
        heavyServingMinutes = min(1440, max(30, reader.int(forKey: "chuangkou.supervision.heavy-serving-minutes", default: 360)))
        deskRollupDays = min(3660, max(0, reader.int(forKey: "chuangkou.supervision.rollup-days", default: 62)))
        appointmentPolicy = Self.appointmentPolicy(reader)
        appointmentIDNumberBusinesses = Self.appointmentIDNumberBusinesses(reader)
        (appointmentDayRunAt, appointmentDayRunCheck) = Self.appointmentDayRun(reader)
        caseCheckInterval = .seconds(max(0, reader.int(forKey: "chuangkou.cases.check-minutes", default: 10)) * 60)
        ratingPolicy = RatingPolicy(
            lateRatingDays: min(365, max(1, reader.int(forKey: "chuangkou.ratings.late-days", default: 7))),
            // Bounded by the policy (1–120): a pad never offers a ticket for hours, nor for no time at all.
            padMinutes: reader.int(forKey: "chuangkou.ratings.pad-window-minutes", default: 15)
        )
        notificationSender = reader.string(forKey: "chuangkou.notifications.sender", default: "log")
        smsURL = reader.string(forKey: "chuangkou.notifications.sms-url")
        smsSecret = reader.string(forKey: "chuangkou.notifications.sms-secret", isSecret: true)
        notificationInterval = .seconds(max(0, reader.int(forKey: "chuangkou.notifications.interval-seconds", default: 30)))
        smsTimeout = .seconds(min(60, max(1, reader.int(forKey: "chuangkou.notifications.sms-timeout-seconds", default: 10))))
        deliveryPolicy = DeliveryPolicy(
            maxAttempts: min(20, max(1, reader.int(forKey: "chuangkou.notifications.max-attempts", default: 6))),
            firstRetry: .seconds(min(3600, max(1, reader.int(forKey: "chuangkou.notifications.first-retry-seconds", default: 30)))),
            maxPerPhone: min(100, max(1, reader.int(forKey: "chuangkou.notifications.max-per-phone-per-hour", default: 5))),
            // The lease outlives the gateway's timeout by a wide margin: a slow answer is never taken for a dead worker.
            lease: smsTimeout * 6
        )
        auditKey = reader.string(forKey: "chuangkou.audit.key", isSecret: true)
        let keyDirectory = URL(fileURLWithPath: dataKeyFile).deletingLastPathComponent()
        auditKeyFile = reader.string(forKey: "chuangkou.audit.key-file", default: keyDirectory.appendingPathComponent("audit-key").path)
        auditRetentionDays = max(180, reader.int(forKey: "chuangkou.audit.retention-days", default: 180))
        let defaultArchive: String =
            switch database {
            case .sqlite(let path): URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("audit-archive").path
            case .postgres: "./data/audit-archive"
            }
        auditArchiveDirectory = reader.string(forKey: "chuangkou.audit.archive-directory", default: defaultArchive)
        auditCheckInterval = .seconds(max(0, reader.int(forKey: "chuangkou.audit.check-minutes", default: 60)) * 60)
    }

    /// The sign-in throttle these settings describe.
    public var loginThrottle: LoginThrottle {
        LoginThrottle(
            freeAttempts: failedLoginLimit,
            firstDelaySeconds: Int(loginFirstDelay.components.seconds),
            longestDelaySeconds: Int(lockout.components.seconds)
        )
    }

    /// Reads a closing time written `HH:MM` (`17:30`); nil when it is not a time of day.
    static func officeHours(_ text: String) -> OfficeHours? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        return OfficeHours(closingHour: hour, closingMinute: minute)
    }

    /// An `http(s)://host[:port][/path]` address without the trailing slash; anything else is ignored.
    static func publicURL(_ text: String?) -> String? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), text.hasPrefix("http://") || text.hasPrefix("https://"),
            let url = URL(string: text), url.host != nil, !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" })
        else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
