import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The day's route list (`/onsite/route-list?day=`): an A4 sheet the team takes out, the day's visits in order with
/// addresses, the applicant, the phone masked, the businesses and the team. Leaders and supervisors see every visit of
/// the day; a window officer the visits they are on.
struct OnSitePages {
    let pages: PageRenderer
    let api: OnSiteController
    let officers: OfficerRepository
    let businesses: BusinessRepository

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("onsite/route-list") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let today = api.hall.serviceDay(at: api.now())
            var day = today
            if let text = request.uri.queryParameters.get("day") {
                guard let parsed = LocalDate(text) else { throw APIError.onSiteRequest("日期格式应为 YYYY-MM-DD", "The day is YYYY-MM-DD") }
                day = parsed
            }
            let seesAll = officer.roles.isDutyLeader || officer.roles.isSupervisor
            let visits = try await api.visits.day(day, readBy: officer.badge, at: api.now())
                .filter { seesAll || $0.visit.isTeamOrRecorder(officer.badge) }
            var names: [Badge: String] = [:]
            for one in try await officers.all() { names[one.badge] = one.name }
            var businessNames: [BusinessCode: String] = [:]
            for code in Set(visits.flatMap(\.visit.request.businesses)) {
                businessNames[code] = try await businesses.find(code)?.name ?? code.value
            }
            let page = RouteListPage(
                frame: pages.frame(request, context, ("现场办公路线单", "On-site route list"), [:]),
                day: day,
                visits: visits,
                officerNames: names,
                businessNames: businessNames,
                printedBy: "\(officer.name)（警号\(officer.badge)）",
                printedAt: CalendarAdminPages.chineseMinute(api.now(), in: api.hall.timeZone)
            )
            return try pages.render("onsite-route-list", page, request)
        }
    }
}

/// The route list's view model, built by a pure function of the day's visits. Official paper: Chinese only.
struct RouteListPage: Sendable {
    struct Stop: Sendable {
        let index: Int
        let half: String
        let applicant: String
        let address: String
        let phoneMasked: String
        let businesses: String
        let reason: String
        let details: String
        /// One member per line: 王建国（010231）.
        let team: [String]
        let collects: Bool
        let outcome: String?
        /// The team's page of the visit (on screen only): intake on site, the phone to call.
        let visitURL: String
    }

    let frame: PageFrame
    let title: String
    let dayLabel: String
    let stops: [Stop]
    let isEmpty: Bool
    let count: Int
    let printedBy: String
    let printedAt: String

    init(
        frame: PageFrame,
        day: LocalDate,
        visits: [OnSiteRepository.Record],
        officerNames: [Badge: String],
        businessNames: [BusinessCode: String],
        printedBy: String,
        printedAt: String
    ) {
        self.frame = frame
        title = "现场办公路线单"
        dayLabel = "\(day.year)年\(day.month)月\(day.day)日"
        stops = visits.enumerated().map { index, record in
            let visit = record.visit
            return Stop(
                index: index + 1,
                half: visit.plan?.slot.half.label ?? "",
                applicant: visit.request.applicant,
                address: visit.request.address,
                phoneMasked: record.phoneMasked,
                businesses: visit.request.businesses.map { businessNames[$0] ?? $0.value }.joined(separator: "、"),
                reason: visit.request.reason.label,
                details: visit.request.details,
                team: (visit.plan?.team ?? []).map { "\(officerNames[$0] ?? "")（\($0)）" },
                collects: visit.request.collectsPersonalData,
                outcome: visit.result?.outcome.label,
                visitURL: "/onsite/visits/\(visit.id)"
            )
        }
        isEmpty = stops.isEmpty
        count = stops.count
        self.printedBy = printedBy
        self.printedAt = printedAt
    }
}
