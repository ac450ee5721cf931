import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The admin's calendar page (`/admin/calendar`): the years on file with every version, a form to paste and publish
/// a year's notice (problems listed in the form, nothing published), and a working-day calculator that shows the
/// provisional mark. Administrators only.
struct CalendarAdminPages {
    let pages: PageRenderer
    let publisher: HolidayPublisher
    let time: HallTime

    struct Form: Decodable {
        let year: String
        let notice: String
        let note: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/calendar") { request, context -> Response in
            guard let admin = try Self.admin(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await page(request, context, admin: admin, form: nil)
            page.calculation = try? calculation(request)
            if let year = request.uri.queryParameters.get("published") {
                page.published = Language.of(request).pick("已发布\(year)年放假安排新版本", "Published a new version of \(year)")
            }
            return try pages.render("admin-calendar", page, request)
        }
        router.post("admin/calendar") { request, context -> Response in
            guard let admin = try Self.admin(context) else { return PageRenderer.signIn(returningTo: request) }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 262_144)))
            let language = Language.of(request)
            do {
                guard let year = Int(form.year.trimmingCharacters(in: .whitespaces)), CalendarParameters.years.contains(year) else {
                    throw APIError.badYear(form.year)
                }
                let notice: HolidayNotice
                do {
                    notice = try JSONDecoder().decode(HolidayNotice.self, from: Data(form.notice.utf8))
                } catch {
                    throw APIError.badRequest(
                        "放假安排不是有效的 JSON: 须为 {\"off\": [...], \"work\": [...]}",
                        "The notice is not valid JSON of the form {\"off\": [...], \"work\": [...]}"
                    )
                }
                _ = try await publisher.publish(notice, year: year, note: form.note ?? "", by: admin.badge)
                return .redirect(to: "/admin/calendar?published=\(year)", type: .normal)
            } catch let error as NoticeRejected {
                return try await refused(APIError(error), form: form, admin: admin, request: request, context: context, language: language)
            } catch let error as APIError {
                return try await refused(error, form: form, admin: admin, request: request, context: context, language: language)
            }
        }
    }

    /// The page again with the pasted text kept and every problem listed, under the refusal's status (400 or 422).
    private func refused(
        _ error: APIError,
        form: Form,
        admin: Officer,
        request: Request,
        context: AppRequestContext,
        language: Language
    ) async throws -> Response {
        var page = try await page(request, context, admin: admin, form: form)
        page.error = language.pick(error.chinese, error.english)
        page.problems = error.problems.map { language.pick($0.messageChinese, $0.messageEnglish) }
        var response = try pages.render("admin-calendar", page, request)
        response.status = error.status
        return response
    }

    private func page(_ request: Request, _ context: AppRequestContext, admin: Officer, form: Form?) async throws -> CalendarAdminPage {
        let language = Language.of(request)
        let versions = try await publisher.notices.versions()
        let zone = time.hall.timeZone
        let years = Dictionary(grouping: versions, by: \.year).sorted { $0.key > $1.key }.map { year, list in
            let current = list.max { $0.version < $1.version }
            return CalendarAdminPage.Year(
                year: year,
                currentVersion: current?.version ?? 0,
                daysOff: current?.arrangement.daysOff.map { "\($0.name) \($0.from)…\($0.to)" }.joined(separator: "; ") ?? "",
                makeUpWorkdays: current?.arrangement.makeUpWorkdays.map(\.description).joined(separator: ", ") ?? "",
                versions: list.sorted { $0.version > $1.version }.map { v in
                    .init(
                        version: v.version,
                        publishedAt: PageClock.minute(v.publishedAt, in: zone),
                        publishedBy: v.publishedBy?.value ?? language.pick("系统", "system"),
                        note: v.note,
                        isCurrent: v.version == current?.version
                    )
                }
            )
        }
        let nextYear = (years.first?.year ?? time.date.year) + 1
        return CalendarAdminPage(
            frame: pages.frame(request, context, ("放假安排管理", "Holiday calendar"), Self.texts),
            adminName: admin.name,
            years: years,
            formYear: form?.year ?? String(nextYear),
            formNotice: form?.notice ?? "",
            formNote: form?.note ?? "",
            error: nil,
            problems: [],
            published: nil,
            calculation: nil
        )
    }

    private func calculation(_ request: Request) throws -> CalendarAdminPage.Calculation? {
        guard request.uri.queryParameters.get("from") != nil else { return nil }
        let from = try CalendarParameters.date(request, "from")
        let count = try CalendarParameters.count(request, "workingDays")
        let due = try time.calendar.calendar.adding(workingDays: count, to: from)
        return .init(from: from.description, workingDays: count, due: due.value.description, provisional: due.provisional)
    }

    /// The signed-in admin; nil when nobody is signed in; a 403 for anyone else.
    static func admin(_ context: AppRequestContext) throws -> Officer? {
        try context.adminIfSignedIn()
    }

    /// `2026年12月2日 10:22`: the same minute as printed on paper the hall hands out (年月日, issue 11).
    static func chineseMinute(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return "\(LocalDate(date, in: zone).chineseDate) \(String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0))"
    }

    static let texts: [String: (String, String)] = [
        "years": ("已发布的年份", "Published years"),
        "year": ("年份", "Year"),
        "version": ("版本", "Version"),
        "current": ("现行", "in force"),
        "daysOff": ("放假", "Days off"),
        "work": ("调休上班", "Make-up working days"),
        "publishedAt": ("发布时间", "Published"),
        "publishedBy": ("发布人", "By"),
        "note": ("说明", "Note"),
        "publish": ("发布新版本", "Publish a new version"),
        "noticeJSON": ("放假安排 (JSON)", "Notice (JSON)"),
        "noticeHelp": (
            "格式: {\"off\": [{\"name\": \"春节\", \"from\": \"2027-02-06\", \"to\": \"2027-02-14\"}], \"work\": [\"2027-02-20\"]}",
            "Format: {\"off\": [{\"name\": \"Spring Festival\", \"from\": \"2027-02-06\", \"to\": \"2027-02-14\"}], \"work\": [\"2027-02-20\"]}"
        ),
        "provisionalNote": (
            "未发布年份的日期暂按周一至周五计算, 结果标为「暂定」",
            "Years with no notice count Monday–Friday only; results are marked provisional"
        ),
        "calculator": ("工作日计算", "Working-day calculator"),
        "from": ("起算日", "From"),
        "workingDays": ("工作日数", "Working days"),
        "compute": ("计算", "Compute"),
        "due": ("到期日", "Due"),
        "provisional": ("暂定", "provisional"),
    ]
}

/// The calendar page's view model.
struct CalendarAdminPage: Sendable {
    struct Version: Sendable {
        let version: Int
        let publishedAt: String
        let publishedBy: String
        let note: String
        let isCurrent: Bool
    }
    struct Year: Sendable {
        let year: Int
        let currentVersion: Int
        let daysOff: String
        let makeUpWorkdays: String
        let versions: [Version]
    }
    struct Calculation: Sendable {
        let from: String
        let workingDays: Int
        let due: String
        let provisional: Bool
    }

    let frame: PageFrame
    let adminName: String
    let years: [Year]
    let formYear: String
    let formNotice: String
    let formNote: String
    var error: String?
    var problems: [String]
    var published: String?
    var calculation: Calculation?
}
