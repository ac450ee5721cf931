import ChuangkouCore
import HTTPTypes

/// Who may call what: every route of the server, API and pages, with the roles and devices allowed (least privilege,
/// RULES §11). `AccessMiddleware` enforces it before any handler runs; handlers keep their own finer checks (a case's
/// holder, a window's officer). A test walks the whole table against the OpenAPI document.
struct AccessRule: Sendable {
    /// Who else, besides the listed roles and devices, may call.
    enum Visitors: Sendable, Equatable {
        /// Nobody without credentials.
        case refused
        /// Anyone (public pages, the guides, the status query).
        case allowed
        /// Anyone while anonymous ticket issuing is on (`chuangkou.tickets.anonymous`); kiosk tokens only otherwise.
        case whileAnonymousTicketsAllowed
    }

    let method: HTTPRequest.Method
    let pattern: String
    let people: Set<StaffRole>
    let devices: Set<DeviceRole>
    let visitors: Visitors
    /// A set-up-only session (first password, second factor) may call it.
    let duringSetUp: Bool

    /// Segments of `pattern`; `{name}` matches any one segment.
    let segments: [Substring]
    /// How many segments are literal: the most literal matching pattern wins, as in the router.
    let literalCount: Int

    init(
        _ method: HTTPRequest.Method,
        _ pattern: String,
        people: Set<StaffRole> = [],
        devices: Set<DeviceRole> = [],
        visitors: Visitors = .refused,
        duringSetUp: Bool = false
    ) {
        self.method = method
        self.pattern = pattern
        self.people = people
        self.devices = devices
        self.visitors = visitors
        self.duringSetUp = duringSetUp
        segments = pattern.split(separator: "/")
        literalCount = segments.filter { !($0.first == "{" && $0.last == "}") }.count
    }

    func matches(_ method: HTTPRequest.Method, _ path: [Substring]) -> Bool {
        let sameMethod = self.method == method || (method == .head && self.method == .get)
        guard sameMethod, path.count == segments.count else { return false }
        for (pattern, segment) in zip(segments, path) where !(pattern.first == "{" && pattern.last == "}") && pattern != segment {
            return false
        }
        return true
    }

    /// Whether a person with `roles` may call it.
    func allows(_ roles: Roles) -> Bool { roles.containsAny(people) }
}

/// The table itself: read it as the hall's permission list.
enum AccessTable {
    /// Everyone with an account who works with citizens.
    static let staff: Set<StaffRole> = [.windowOfficer, .deskOfficer, .dutyLeader, .supervisor]
    /// Those who work at a window: call, serve, take in cases.
    static let window: Set<StaffRole> = [.windowOfficer, .dutyLeader]
    static let everyone: Set<StaffRole> = Set(StaffRole.allCases)

    static let rules: [AccessRule] = [
        // Health, metrics (guarded by address or token on their own), the API document.
        .init(.get, "/healthz", visitors: .allowed),
        .init(.get, "/metrics", visitors: .allowed),
        .init(.get, "/openapi.json", visitors: .allowed),

        // Signing in and one's own account.
        .init(.post, "/api/v1/auth/token", visitors: .allowed),
        .init(.post, "/api/v1/auth/sign-out", people: everyone, duringSetUp: true),
        .init(.get, "/api/v1/account", people: everyone, duringSetUp: true),
        .init(.post, "/api/v1/account/password", people: everyone, duringSetUp: true),
        .init(.post, "/api/v1/account/second-factor", people: everyone, duringSetUp: true),
        .init(.post, "/api/v1/account/second-factor/confirm", people: everyone, duringSetUp: true),

        // Accounts (security administrator) and devices (system administrator).
        .init(.get, "/api/v1/accounts", people: [.securityAdmin]),
        .init(.post, "/api/v1/accounts", people: [.securityAdmin]),
        .init(.get, "/api/v1/accounts/{badge}", people: [.securityAdmin]),
        .init(.put, "/api/v1/accounts/{badge}", people: [.securityAdmin]),
        .init(.post, "/api/v1/accounts/{badge}/disable", people: [.securityAdmin]),
        .init(.post, "/api/v1/accounts/{badge}/enable", people: [.securityAdmin]),
        .init(.post, "/api/v1/accounts/{badge}/unlock", people: [.securityAdmin]),
        .init(.post, "/api/v1/accounts/{badge}/reset-password", people: [.securityAdmin]),
        .init(.get, "/api/v1/devices", people: [.systemAdmin]),
        .init(.post, "/api/v1/devices", people: [.systemAdmin]),
        .init(.post, "/api/v1/devices/{id}/revoke", people: [.systemAdmin]),

        // The audit trail: the audit administrator alone reads, searches, exports and verifies it.
        .init(.get, "/api/v1/audit", people: [.auditAdmin]),
        .init(.get, "/api/v1/audit/export.csv", people: [.auditAdmin]),
        .init(.get, "/api/v1/audit/verification", people: [.auditAdmin]),

        // The queue: public boards, tickets from kiosks (and visitors while allowed), windows worked by officers.
        .init(.get, "/api/v1/businesses", visitors: .allowed),
        .init(.get, "/api/v1/officers", visitors: .allowed),
        .init(.get, "/api/v1/calls/latest", visitors: .allowed),
        .init(.get, "/api/v1/windows", visitors: .allowed),
        .init(.get, "/api/v1/windows/{number}/queue", visitors: .allowed),
        .init(.get, "/api/v1/events", visitors: .allowed),
        .init(
            .post,
            "/api/v1/tickets",
            people: [.windowOfficer, .deskOfficer, .dutyLeader],
            devices: [.kiosk],
            visitors: .whileAnonymousTicketsAllowed
        ),
        .init(.get, "/api/v1/tickets/{id}", visitors: .allowed),
        .init(.get, "/api/v1/tickets/{id}/history", people: staff),
        .init(.post, "/api/v1/tickets/{id}/start", people: window),
        .init(.post, "/api/v1/tickets/{id}/finish", people: window),
        .init(.post, "/api/v1/tickets/{id}/finish-and-call-next", people: window),
        .init(.post, "/api/v1/tickets/{id}/recall", people: window),
        .init(.post, "/api/v1/tickets/{id}/no-show", people: window),
        .init(.post, "/api/v1/tickets/{id}/cancel", people: window),
        .init(.post, "/api/v1/tickets/{id}/green-channel/confirm", people: window),
        .init(.post, "/api/v1/tickets/{id}/green-channel/decline", people: window),
        .init(.post, "/api/v1/tickets/{id}/transfer", people: window),
        .init(.post, "/api/v1/windows/{number}/call-next", people: window),
        .init(.post, "/api/v1/windows/{number}/call", people: window),
        .init(.post, "/api/v1/windows/{number}/sign-in", people: window),
        .init(.post, "/api/v1/windows/{number}/sign-out", people: window),
        .init(.post, "/api/v1/windows/{number}/pause", people: window),
        .init(.post, "/api/v1/windows/{number}/resume", people: window),

        // Guides and photos: published by the system administrator, read by anyone.
        .init(.get, "/api/v1/catalog", visitors: .allowed),
        .init(.get, "/api/v1/businesses/{code}/guide", visitors: .allowed),
        .init(.put, "/api/v1/businesses/{code}/guide", people: [.systemAdmin]),
        .init(.get, "/api/v1/businesses/{code}/guide/versions", visitors: .allowed),
        .init(.get, "/api/v1/businesses/{code}/guide/versions/{version}", visitors: .allowed),
        .init(.get, "/api/v1/officers/{badge}/photo", visitors: .allowed),
        .init(.put, "/api/v1/officers/{badge}/photo", people: [.systemAdmin]),

        // The working-day calendar: arithmetic for anyone, notices published by the system administrator.
        .init(.get, "/api/v1/calendar/add", visitors: .allowed),
        .init(.get, "/api/v1/calendar/days/{date}", visitors: .allowed),
        .init(.get, "/api/v1/calendar/between", visitors: .allowed),
        .init(.get, "/api/v1/calendar/next", visitors: .allowed),
        .init(.get, "/api/v1/calendar/notices", visitors: .allowed),
        .init(.get, "/api/v1/calendar/notices/{year}", visitors: .allowed),
        .init(.put, "/api/v1/calendar/notices/{year}", people: [.systemAdmin]),

        // Deadlines: read by staff, run by window officers, extended by the duty leader.
        .init(.get, "/api/v1/deadlines", people: staff),
        .init(.post, "/api/v1/deadlines", people: window),
        .init(.get, "/api/v1/deadlines/{id}", people: staff),
        .init(.post, "/api/v1/deadlines/{id}/pause", people: window),
        .init(.post, "/api/v1/deadlines/{id}/resume", people: window),
        .init(.post, "/api/v1/deadlines/{id}/extend", people: [.dutyLeader]),
        .init(.post, "/api/v1/deadlines/{id}/stop", people: window),

        // Cases hold personal data: never the administrators (the system administrator reads no personal data).
        .init(.post, "/api/v1/cases", people: window),
        .init(.get, "/api/v1/cases/{id}", people: staff),
        .init(.put, "/api/v1/cases/{id}/checklist", people: window),
        .init(.post, "/api/v1/cases/{id}/intake", people: window),
        .init(.post, "/api/v1/cases/{id}/requests", people: window),
        .init(.post, "/api/v1/cases/{id}/corrections", people: window),
        .init(.post, "/api/v1/cases/{id}/supplements", people: window),
        .init(.post, "/api/v1/cases/{id}/steps/{position}", people: window),
        .init(.post, "/api/v1/cases/{id}/decision", people: [.dutyLeader]),
        .init(.post, "/api/v1/cases/{id}/delivery", people: window),
        .init(.get, "/api/v1/documents/{id}", people: staff),
        .init(.get, "/api/v1/documents/{id}/print", people: staff),
        .init(.get, "/api/v1/breaches", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/audit", people: [.auditAdmin]),
        .init(.get, "/api/v1/audit/export.csv", people: [.auditAdmin]),
        .init(.get, "/api/v1/audit/verification", people: [.auditAdmin]),
        .init(.post, "/api/v1/status", visitors: .allowed),

        // Evaluation: citizens rate; a staff session is let through only to be told why it may not (the handler
        // answers rating.staff-may-not-rate); duty leaders and supervisors work the bad reviews; supervisors decide
        // appeals and reassign; anyone reads the published results.
        .init(.post, "/api/v1/tickets/{id}/rating", people: everyone, devices: [.ratingPad], visitors: .allowed),
        .init(.get, "/api/v1/tickets/{id}/rating", people: everyone, devices: [.ratingPad], visitors: .allowed),
        // The rater's link to rate the fix: its code is the credential (per-address failure limit); staff are told
        // they may not rate.
        .init(.get, "/api/v1/fix-ratings/{code}", people: everyone, visitors: .allowed),
        .init(.post, "/api/v1/fix-ratings/{code}", people: everyone, visitors: .allowed),
        // The rating pad (issue 12): only a pad asks which ticket its window just finished (the handler checks it is
        // this window's pad).
        .init(.get, "/api/v1/windows/{number}/rating-ticket", devices: [.ratingPad]),
        // 一事一评 (issue 12, the citizen's side): the status query's code and digits rate a decided case.
        .init(.post, "/api/v1/status/rating", people: everyone, visitors: .allowed),
        .init(.get, "/api/v1/results", visitors: .allowed),
        .init(.get, "/api/v1/account/ratings", people: staff),
        .init(.get, "/api/v1/rectifications", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/rectifications/{id}", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/rectifications/{id}/return-visits", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/rectifications/{id}/outcome", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/rectifications/{id}/appeal", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/rectifications/{id}/appeal-decision", people: [.supervisor]),
        .init(.post, "/api/v1/rectifications/{id}/reassign", people: [.supervisor]),
        // The handler opens the rater's phone to call back (Core: the handler only; audited).
        .init(.post, "/api/v1/rectifications/{id}/contact", people: [.dutyLeader, .supervisor]),

        // Appointments (issue 15): citizens book, look up, change, cancel and check in by booking code (rate-limited by
        // address; the code is in the body, never the URL); the kiosk shows today's remaining places.
        .init(.get, "/api/v1/appointments/slots", visitors: .allowed),
        .init(.get, "/api/v1/appointments/today", visitors: .allowed),
        .init(.post, "/api/v1/appointments/phone-codes", visitors: .allowed),
        .init(.post, "/api/v1/appointments", visitors: .allowed),
        .init(.post, "/api/v1/appointments/query", visitors: .allowed),
        .init(.post, "/api/v1/appointments/change", visitors: .allowed),
        .init(.post, "/api/v1/appointments/cancel", visitors: .allowed),
        .init(.post, "/api/v1/appointments/check-in", visitors: .allowed),
        // The day's bookings for the hall's staff who meet them: desk (导办) and window officers, the duty leader.
        .init(.get, "/api/v1/appointments/day", people: [.deskOfficer, .windowOfficer, .dutyLeader]),
        .init(.get, "/appointments/day", people: [.deskOfficer, .windowOfficer, .dutyLeader], visitors: .allowed),
        .init(.get, "/appointments/new", visitors: .allowed),
        .init(.post, "/appointments/new", visitors: .allowed),
        .init(.get, "/appointments/manage", visitors: .allowed),
        .init(.post, "/appointments/manage", visitors: .allowed),
        .init(.get, "/kiosk/check-in", visitors: .allowed),
        .init(.post, "/kiosk/check-in", visitors: .allowed),

        // Complaints (issue 13): anyone files one (staff record hall and phone complaints); supervisors and duty
        // leaders work them (an officer a complaint concerns is answered 404 by the handler); supervisors reassign
        // and extend; the complainant follows with the query code.
        // On-site visits (issue 15): anyone asks for one (staff record it for a caller); the duty leader decides;
        // the team (window officers and leaders) records the result; a window officer sees only their own visits.
        .init(.post, "/api/v1/onsite", people: staff, visitors: .allowed),
        .init(.post, "/api/v1/onsite/query", visitors: .allowed),
        .init(.get, "/api/v1/onsite", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/onsite/schedule", people: window),
        .init(.get, "/api/v1/onsite/{id}", people: [.windowOfficer, .deskOfficer, .dutyLeader, .supervisor]),
        .init(.post, "/api/v1/onsite/{id}/approve", people: [.dutyLeader]),
        .init(.post, "/api/v1/onsite/{id}/decline", people: [.dutyLeader]),
        .init(.post, "/api/v1/onsite/{id}/result", people: window),
        .init(.post, "/api/v1/onsite/{id}/contact", people: window),
        .init(.post, "/api/v1/complaints", people: staff, visitors: .allowed),
        .init(.post, "/api/v1/complaints/query", visitors: .allowed),
        .init(.post, "/api/v1/complaints/query/satisfaction", visitors: .allowed),
        .init(.get, "/api/v1/complaints", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/complaints/{id}", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/complaints/{id}/acknowledge", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/complaints/{id}/reassign", people: [.supervisor]),
        .init(.post, "/api/v1/complaints/{id}/notes", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/complaints/{id}/extension", people: [.supervisor]),
        .init(.post, "/api/v1/complaints/{id}/answer", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/complaints/{id}/close", people: [.dutyLeader, .supervisor]),
        // Inspections (issue 13): supervisors record them; supervisors and duty leaders list them; a follow-up's owner
        // (any staff member) or a supervisor closes it (the repository checks which).
        .init(.post, "/api/v1/inspections", people: [.supervisor]),
        .init(.get, "/api/v1/inspections", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/inspections/{id}/follow-ups/{position}/close", people: staff),
        .init(.get, "/api/v1/officers/{badge}/findings", people: [.dutyLeader, .supervisor]),
        // Case spot-checks (issue 13): supervisors draw and review; duty leaders read.
        .init(.post, "/api/v1/spot-checks", people: [.supervisor]),
        .init(.get, "/api/v1/spot-checks", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/spot-checks/{id}", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/spot-checks/{id}/candidates", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/spot-checks/{id}/cases/{position}/review", people: [.supervisor]),
        // Supervision: out-of-turn calls stay on the desk until a supervisor reviews them.
        .init(.get, "/api/v1/supervision/out-of-turn-calls", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/supervision/out-of-turn-calls/{id}/review", people: [.supervisor]),
        .init(.get, "/api/v1/supervision/desk", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/supervision/desk.csv", people: [.dutyLeader, .supervisor]),
        // Workload (避免厌烦): every staff member sees their own; duty leaders and supervisors everyone's.
        .init(.get, "/api/v1/supervision/workload", people: staff),
        // The duty roster (issue 14): the system administrator plans it and records leave; staff read it; the duty
        // leader on duty is public (四公开, on the display).
        .init(.get, "/api/v1/duty/leader", visitors: .allowed),
        .init(.get, "/api/v1/duty/roster", people: staff.union([.systemAdmin])),
        .init(.put, "/api/v1/duty/roster/{day}/{half}", people: [.systemAdmin]),
        .init(.delete, "/api/v1/duty/roster/{day}/{half}", people: [.systemAdmin]),
        .init(.get, "/api/v1/duty/leave", people: [.systemAdmin, .dutyLeader]),
        .init(.post, "/api/v1/duty/leave", people: [.systemAdmin]),
        .init(.post, "/api/v1/duty/leave/{id}/cancel", people: [.systemAdmin]),
        // Inquiries (首问负责, issue 14): the desk, windows and leaders record and work them; supervisors read them
        // (the repository shows each officer only the inquiries they are on). The system administrator keeps the
        // directory of competent bodies; staff read it to name one.
        .init(.post, "/api/v1/inquiries", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.get, "/api/v1/inquiries", people: staff),
        .init(.get, "/api/v1/inquiries/{id}", people: staff),
        .init(.post, "/api/v1/inquiries/{id}/resolve", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.post, "/api/v1/inquiries/{id}/handover", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.post, "/api/v1/inquiries/{id}/handover/accept", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.post, "/api/v1/inquiries/{id}/handover/decline", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.post, "/api/v1/inquiries/{id}/handover/withdraw", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.post, "/api/v1/inquiries/{id}/ticket", people: [.windowOfficer, .deskOfficer, .dutyLeader]),
        .init(.get, "/api/v1/competent-bodies", people: staff.union([.systemAdmin])),
        .init(.post, "/api/v1/competent-bodies", people: [.systemAdmin]),
        .init(.post, "/api/v1/competent-bodies/{id}/retire", people: [.systemAdmin]),
        // Incidents and escalation (避免僵局, issue 14): window officers record them or call the leader on duty; the
        // leader asked takes it and records the resolution; leaders and supervisors read them and the counts.
        .init(.post, "/api/v1/incidents", people: window),
        .init(.post, "/api/v1/incidents/escalations", people: window),
        .init(.get, "/api/v1/incidents", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/incidents/counts", people: [.dutyLeader, .supervisor]),
        .init(.get, "/api/v1/incidents/{id}", people: [.dutyLeader, .supervisor]),
        .init(.post, "/api/v1/incidents/{id}/take", people: [.dutyLeader]),
        .init(.post, "/api/v1/incidents/{id}/resolve", people: [.dutyLeader]),
        // Handing a stalled ticket to a colleague's window (另请一名民警): from the window holding it; receipts per window.
        .init(.get, "/api/v1/tickets/{id}/handover-candidates", people: window),
        .init(.post, "/api/v1/tickets/{id}/handover", people: window),
        .init(.get, "/api/v1/windows/{number}/handovers", people: window),
        // Notifications (issue 15): the system administrator words the templates; the delivery log (masked) is read by
        // the system and audit administrators; staff record a citizen's opt-in or opt-out at the window; every person
        // reads their own alerts; a ticket's holder (the ticket's unguessable id is the capability) gives a phone.
        .init(.get, "/api/v1/notifications/templates", people: [.systemAdmin]),
        .init(.put, "/api/v1/notifications/templates/{kind}/{language}", people: [.systemAdmin]),
        .init(.delete, "/api/v1/notifications/templates/{kind}/{language}", people: [.systemAdmin]),
        .init(.get, "/api/v1/notifications/deliveries", people: [.systemAdmin, .auditAdmin]),
        .init(.put, "/api/v1/notifications/preferences", people: staff),
        .init(.get, "/api/v1/notifications/inbox", people: everyone),
        .init(.post, "/api/v1/notifications/inbox/read", people: everyone),
        .init(.post, "/api/v1/notifications/inbox/{id}/read", people: everyone),
        .init(.post, "/api/v1/tickets/{id}/contact", visitors: .allowed),

        // Pages. Signed-out visitors of a staff page are sent to the sign-in form by the page itself.
        .init(.get, "/", visitors: .allowed),
        .init(.get, "/kiosk", visitors: .allowed),
        .init(.get, "/display", visitors: .allowed),
        .init(.get, "/tickets/{id}", visitors: .allowed),
        .init(.get, "/tickets/{id}/qr.svg", visitors: .allowed),
        .init(.post, "/tickets/{id}/contact", visitors: .allowed),
        // 一次一评 from the citizen's ticket page (issue 12); a staff session is told it may not rate.
        .init(.post, "/tickets/{id}/rating", people: everyone, visitors: .allowed),
        .init(.get, "/status", visitors: .allowed),
        .init(.post, "/status", visitors: .allowed),
        .init(.post, "/status/rating", people: everyone, visitors: .allowed),
        // The rating pad's page; unpaired (or paired to another window) it is the pairing form, which takes a token.
        .init(.get, "/windows/{number}/rate", people: everyone, devices: Set(DeviceRole.allCases), visitors: .allowed),
        .init(.post, "/windows/{number}/rate", people: everyone, devices: Set(DeviceRole.allCases), visitors: .allowed),
        .init(.get, "/guides", visitors: .allowed),
        .init(.get, "/guides/{code}", visitors: .allowed),
        .init(.get, "/guides/{code}/print", visitors: .allowed),
        .init(.get, "/guides/{code}/v/{version}", visitors: .allowed),
        .init(.get, "/guides/{code}/v/{version}/print", visitors: .allowed),
        .init(.get, "/console/login", visitors: .allowed),
        .init(.post, "/console/login", visitors: .allowed),
        .init(.post, "/console/logout", people: everyone, visitors: .allowed, duringSetUp: true),
        // Everyone may ask for the console: the page sends administrators to their menu.
        .init(.get, "/console", people: everyone, visitors: .allowed),
        .init(.get, "/admin", people: [.systemAdmin, .securityAdmin, .auditAdmin], visitors: .allowed),
        .init(.get, "/account", people: everyone, visitors: .allowed, duringSetUp: true),
        .init(.post, "/account", people: everyone, visitors: .allowed, duringSetUp: true),
        .init(.get, "/deadlines", people: staff, visitors: .allowed),
        .init(.get, "/cases/new", people: window, visitors: .allowed),
        .init(.get, "/cases/{id}", people: staff, visitors: .allowed),
        .init(.get, "/documents/{id}/print", people: staff, visitors: .allowed),
        .init(.get, "/admin/guides", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/guides/{code}", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/guides/{code}", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/officers", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/calendar", people: [.systemAdmin], visitors: .allowed),
        // The duty roster and the directory of competent bodies (issue 14), as their API: the system administrator.
        .init(.get, "/admin/duty", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/duty", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/duty/clear", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/duty/leave", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/duty/leave/{id}/cancel", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/competent-bodies", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/competent-bodies", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/competent-bodies/{id}/retire", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/refusal-wording", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/refusal-wording", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/calendar", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/accounts", people: [.securityAdmin], visitors: .allowed),
        .init(.get, "/admin/audit", people: [.auditAdmin], visitors: .allowed),
        .init(.get, "/admin/notifications", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/notifications", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/admin/notifications/log", people: [.systemAdmin, .auditAdmin], visitors: .allowed),
        // Rating pads (issue 12): the system administrator issues and revokes each window's pad token (as the devices API).
        .init(.get, "/admin/rating-pads", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/rating-pads", people: [.systemAdmin], visitors: .allowed),
        .init(.post, "/admin/rating-pads/{id}/revoke", people: [.systemAdmin], visitors: .allowed),
        .init(.get, "/supervision", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/workload", people: staff, visitors: .allowed),
        .init(.get, "/onsite/route-list", people: [.windowOfficer, .dutyLeader, .supervisor]),
        .init(.get, "/onsite/visits/{id}", people: [.windowOfficer, .dutyLeader, .supervisor]),
        .init(.post, "/onsite/visits/{id}/contact", people: window),
        .init(.post, "/onsite/visits/{id}/result", people: window),
        .init(.get, "/onsite/request", people: everyone, visitors: .allowed),
        .init(.post, "/onsite/request", people: everyone, visitors: .allowed),
        .init(.get, "/onsite/status", people: everyone, visitors: .allowed),
        .init(.post, "/onsite/status", people: everyone, visitors: .allowed),
        .init(.get, "/complaints/new", people: everyone, visitors: .allowed),
        .init(.post, "/complaints/new", people: everyone, visitors: .allowed),
        .init(.get, "/complaints/follow", people: everyone, visitors: .allowed),
        .init(.post, "/complaints/follow", people: everyone, visitors: .allowed),
        // Staff complaint pages (issue 13): as the API, supervisors and duty leaders; reassigning and deciding or
        // granting an extension, supervisors. A complaint that concerns the viewer answers 404.
        .init(.get, "/complaints", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/complaints/{id}", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/cases/{id}/complaints", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/officers/{badge}/findings", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/acknowledge", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/reassign", people: [.supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/note", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/answer", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/extension-request", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/extension-decision", people: [.supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/extension", people: [.supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/close", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/complaints/{id}/reopen", people: [.dutyLeader, .supervisor], visitors: .allowed),
        // Inspections page (issue 13): supervisors record, leaders read; a finding's owner closes it from here too.
        .init(.get, "/inspections", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/inspections", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/inspections/{id}/follow-ups/{position}/close", people: staff, visitors: .allowed),
        .init(.get, "/spot-checks", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/spot-checks", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/spot-checks/{id}/cases/{position}/review", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/admin/accounts", people: [.securityAdmin], visitors: .allowed),

        // Evaluation pages: the published results for anyone, one's own ratings for staff, bad reviews for duty leaders
        // and supervisors (appeal decisions and reassignment for supervisors only).
        .init(.get, "/results", visitors: .allowed),
        .init(.get, "/rate-fix/{code}", people: everyone, visitors: .allowed),
        .init(.post, "/rate-fix/{code}", people: everyone, visitors: .allowed),
        .init(.get, "/account/ratings", people: staff, visitors: .allowed),
        // The information desk (咨询台, issue 14): desk and window officers and duty leaders; the one-time notice an
        // inquiry was closed with prints for them and supervisors.
        .init(.get, "/desk", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/answer", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/notice", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/refer", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/handover", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/accept", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/decline", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/withdraw", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/desk/inquiries/{id}/ticket", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.get, "/inquiries/{id}/notice", people: [.windowOfficer, .deskOfficer, .dutyLeader, .supervisor], visitors: .allowed),
        // Escalation pages (避免僵局, issue 14): windows record or call the leader; the leader's console; the list.
        .init(.get, "/escalate", people: window, visitors: .allowed),
        .init(.post, "/escalate", people: window, visitors: .allowed),
        .init(.get, "/duty/escalations", people: [.dutyLeader], visitors: .allowed),
        .init(.post, "/duty/escalations/{id}/resolve", people: [.dutyLeader], visitors: .allowed),
        .init(.get, "/incidents", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/explanation", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.post, "/explanation", people: [.windowOfficer, .deskOfficer, .dutyLeader], visitors: .allowed),
        .init(.get, "/rectifications", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.get, "/rectifications/{id}", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/return-visits", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/outcome", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/appeal", people: [.dutyLeader, .supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/appeal-decision", people: [.supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/reassign", people: [.supervisor], visitors: .allowed),
        .init(.post, "/rectifications/{id}/contact", people: [.dutyLeader, .supervisor], visitors: .allowed),
    ]

    /// The methods the table knows for a path (for 405's `Allow`); empty for a path it does not know. As in the
    /// router, a literal segment wins over a parameter: `/complaints/query` takes POST only, although
    /// `/complaints/{id}` takes GET.
    static func methods(for path: String) -> [HTTPRequest.Method] {
        var found: [HTTPRequest.Method] = []
        for index in mostLiteral(path.split(separator: "/")) where !found.contains(rules[index].method) {
            found.append(rules[index].method)
        }
        return found
    }

    /// The rule for a request, or nil for a path the table does not know (static files, unknown paths: the router
    /// answers those, 404 included).
    static func rule(_ method: HTTPRequest.Method, _ path: String) -> AccessRule? {
        let segments = path.split(separator: "/")
        // The most literal path wins, whatever its methods (GET /complaints/query is a 405, not GET /complaints/{id}).
        guard let index = mostLiteral(segments).first(where: { rules[$0].matches(method, segments) }) else { return nil }
        return rules[index]
    }

    /// The rules whose pattern matches the path and has the most literal segments among those that do, in table order.
    static func mostLiteral(_ segments: [Substring]) -> [Int] {
        var matching: [Int] = []
        index.collect(segments[...], from: 0, into: &matching)
        guard let most = matching.map({ rules[$0].literalCount }).max() else { return [] }
        return matching.filter { rules[$0].literalCount == most }.sorted()
    }

    /// The patterns as a tree of segments. Every request is looked up here: a scan of the rules of the path's length
    /// copied each candidate rule (≈ 3 % of the server's CPU in the lifecycle benchmark); the tree looks at one
    /// segment at a time and touches only the rules that match.
    static let index = PatternTree(rules.map(\.segments))
}

/// Path patterns by segment: a literal child per segment text, one child for a `{parameter}`, and at each node the
/// patterns (by index) that end there.
struct PatternTree: Sendable {
    struct Node: Sendable {
        var literals: [Substring: Int] = [:]
        var parameter: Int?
        var ending: [Int] = []
    }

    private(set) var nodes = [Node()]

    init(_ patterns: [[Substring]]) {
        for (pattern, segments) in patterns.enumerated() {
            var at = 0
            for segment in segments {
                let isParameter = segment.first == "{" && segment.last == "}"
                if let next = isParameter ? nodes[at].parameter : nodes[at].literals[segment] {
                    at = next
                    continue
                }
                nodes.append(Node())
                if isParameter { nodes[at].parameter = nodes.count - 1 } else { nodes[at].literals[segment] = nodes.count - 1 }
                at = nodes.count - 1
            }
            nodes[at].ending.append(pattern)
        }
    }

    /// Appends every pattern that matches `segments` from node `at`.
    func collect(_ segments: ArraySlice<Substring>, from at: Int, into found: inout [Int]) {
        guard let segment = segments.first else {
            found += nodes[at].ending
            return
        }
        let rest = segments.dropFirst()
        if let next = nodes[at].literals[segment] { collect(rest, from: next, into: &found) }
        if let next = nodes[at].parameter { collect(rest, from: next, into: &found) }
    }
}
