import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The spot-checks page (`/spot-checks`, supervisors and duty leaders): the period's draws with their seed, the
/// number of candidates and whether drawing again gives the same cases; each drawn case with its finding, and for a
/// supervisor the form that draws and the one that records a finding. Posts answer with a redirect back (PRG), or the
/// page again with the refusal in words.
struct SpotCheckPages {
    let pages: PageRenderer
    let spotChecks: SpotCheckRepository
    let officers: OfficerRepository
    let businesses: BusinessRepository
    let time: HallTime

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("spot-checks") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await listPage(request, context, viewer: officer)
            if request.uri.queryParameters.get("done") != nil { page.done = Language.of(request).pick("已记录", "Recorded") }
            return try pages.render("spot-checks", page, request)
        }
        router.post("spot-checks") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let form = InspectionPages.fields(String(buffer: try await request.body.collect(upTo: 8_192)))
            return try await answer(request, context, viewer: officer) {
                func one(_ name: String) -> String { form.first { $0.0 == name }?.1.trimmingCharacters(in: .whitespaces) ?? "" }
                guard let count = Int(one("count")) else { throw APIError.spotCheckRequest("请填写抽查件数", "Give the number of cases") }
                let body = SpotChecksController.DrawRequest(period: "month", date: one("date"), count: count, seed: one("seed"))
                let (period, seed) = try SpotChecksController.parse(body)
                let record = try await spotChecks.draw(
                    from: period.from,
                    through: period.through,
                    count: count,
                    seed: seed,
                    by: officer.badge,
                    at: time.now()
                )
                return "/spot-checks?done=1&period=month&date=\(record.from)"
            }
        }
        router.post("spot-checks/{id}/cases/{position}/review") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let form = InspectionPages.fields(String(buffer: try await request.body.collect(upTo: 8_192)))
            return try await answer(request, context, viewer: officer) {
                let id = try SpotChecksController.id(context)
                guard let position = context.parameters.get("position").flatMap({ Int($0) }), (0..<SpotCheck.maxCount).contains(position),
                    let record = try await spotChecks.find(id)
                else { throw APIError(SpotCheckRecordError.unknown) }
                let finding = SpotCheck.Finding(rawValue: form.first { $0.0 == "finding" }?.1 ?? "") ?? .inOrder
                let note = form.first { $0.0 == "note" }?.1 ?? ""
                try await spotChecks.review(id, position: position, finding: finding, note: note, by: officer.badge, at: time.now())
                return "/spot-checks?done=1&period=month&date=\(record.from)"
            }
        }
    }

    /// Supervisors only act; a refusal shows the page again with its words and status.
    private func answer(
        _ request: Request,
        _ context: AppRequestContext,
        viewer: Officer,
        _ act: () async throws -> String
    ) async throws -> Response {
        do {
            guard viewer.roles.isSupervisor else { throw APIError.forbidden }
            return .redirect(to: try await act(), type: .normal)
        } catch {
            let refusal = APIError(mapping: error, context: context) { _ in .spotCheckRequest("表单有误", "The form is not valid") }
            var page = try await listPage(request, context, viewer: viewer)
            page.error = Language.of(request).pick(refusal.chinese, refusal.english)
            var response = try pages.render("spot-checks", page, request)
            response.status = refusal.status
            return response
        }
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, viewer: Officer) async throws -> SpotChecksPage {
        // The page shows months: a spot-check reviews a month's closed cases.
        let today = time.date
        var day = today
        if let text = request.uri.queryParameters.get("date"), let given = LocalDate(text), given.year >= 2000 { day = given }
        let period = try DeskPeriod(.month, containing: day)
        var records: [(SpotCheckRepository.Record, SpotCheckRepository.Recheck)] = []
        for record in try await spotChecks.list(from: period.from, through: period.through) {
            records.append((record, try await spotChecks.recheck(record.id)))
        }
        return SpotChecksPage(
            frame: pages.frame(request, context, ("案件抽查", "Case spot-checks"), Self.texts),
            viewer: viewer,
            period: period,
            records: records,
            staff: try await officers.all(),
            businesses: try await businesses.all(serviceDay: today).map(\.business),
            zone: time.hall.timeZone
        )
    }

    static let texts: [String: (String, String)] = [
        "rule": (
            "从选定月份受理并已办结的案件中随机抽取，随机种子留存，任何人用同一种子可重新抽取核对；不得评查本人经办的案件。",
            "Cases received in the chosen month and since closed are drawn at random with a recorded seed, so anyone can draw again and check; "
                + "nobody reviews a case they handled."
        ),
        "empty": ("本月暂无抽查记录", "No spot-checks this month"),
        "seed": ("随机种子", "Seed"),
        "population": ("候选案件", "Candidates"),
        "drawnBy": ("抽取人", "Drawn by"),
        "recheck": ("重新抽取核对", "Drawn again"),
        "pool": ("候选池", "Candidate pool"),
        "poolLink": ("下载候选案件清单（JSON）", "The candidate cases (JSON)"),
        "same": ("结果一致", "Same cases"),
        "changed": ("候选案件已变化", "Candidates have changed since"),
        "mismatch": ("结果不一致", "Different cases"),
        "case": ("案件", "Case"),
        "business": ("事项", "Business"),
        "handler": ("经办民警", "Handled by"),
        "finding": ("评查结论", "Finding"),
        "note": ("情况说明", "Note"),
        "review": ("登记评查结论", "Record the finding"),
        "draw": ("随机抽查案件", "Draw cases"),
        "month": ("月份（任一日）", "Month (any day of it)"),
        "count": ("抽查件数（1至200）", "Number of cases (1 to 200)"),
        "seedHint": ("随机种子（留空由系统生成）", "Seed (blank: the server draws one)"),
        "submit": ("提交", "Submit"),
    ]
}

/// The spot-checks page's view model.
struct SpotChecksPage: Sendable {
    struct Line: Sendable {
        let caseLink: String
        let business: String
        let handler: String
        let finding: String?
        let note: String
        let reviewAction: String?
    }
    struct Entry: Sendable {
        let drawnAt: String
        let seed: String
        let population: Int
        let drawnBy: String
        let recheck: String
        let recheckOK: Bool
        /// The frozen pool as JSON, for anyone to draw again.
        let candidatesLink: String
        let lines: [Line]
    }
    struct Choice: Sendable {
        let value: String
        let label: String
    }

    let frame: PageFrame
    let officerName: String
    let from: String
    let through: String
    let entries: [Entry]
    let isEmpty: Bool
    let canDraw: Bool
    let findings: [Choice]
    var done: String?
    var error: String?

    init(
        frame: PageFrame,
        viewer: Officer,
        period: DeskPeriod,
        records: [(SpotCheckRepository.Record, SpotCheckRepository.Recheck)],
        staff: [Officer],
        businesses: [Business],
        zone: TimeZone
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        let directory = StaffDirectory(staff)
        let names = Dictionary(businesses.map { ($0.code.value, language.pick($0.name, $0.nameEnglish)) }, uniquingKeysWith: { a, _ in a })
        self.frame = frame
        officerName = viewer.name
        from = period.from.description
        through = period.through.description
        canDraw = viewer.roles.isSupervisor
        entries = records.map { record, recheck in
            Entry(
                drawnAt: PageClock.minute(record.drawnAt, in: zone),
                seed: String(record.seed),
                population: record.population,
                drawnBy: record.drawnBy.map { directory.person($0, language) } ?? "—",
                recheck: Self.recheckText(recheck, language),
                recheckOK: recheck.pool.map { $0.digestMatches && $0.sameCases } ?? (recheck.sameCandidates && recheck.sameCases),
                candidatesLink: "/api/v1/spot-checks/\(record.id)/candidates",
                lines: record.cases.map { drawn in
                    Line(
                        caseLink: "/cases/\(drawn.caseID)",
                        business: names[drawn.business] ?? drawn.business,
                        handler: drawn.handler.map { directory.person($0, language) } ?? "—",
                        finding: drawn.finding.map { language.pick($0.label, $0.labelEnglish) },
                        note: drawn.note ?? "",
                        reviewAction: drawn.finding == nil && viewer.roles.isSupervisor && drawn.handler != viewer.badge
                            ? "/spot-checks/\(record.id)/cases/\(drawn.position)/review" : nil
                    )
                }
            )
        }
        isEmpty = entries.isEmpty
        findings = SpotCheck.Finding.allCases.map { Choice(value: $0.rawValue, label: language.pick($0.label, $0.labelEnglish)) }
    }
    /// From the frozen pool when the draw has one: its digest and a draw from it prove the record, and a change of the
    /// period's cases since is told, not taken for a failure. Older draws: today's candidates only.
    static func recheckText(_ recheck: SpotCheckRepository.Recheck, _ language: Language) -> String {
        guard let pool = recheck.pool else {
            return !recheck.sameCandidates ? language.pick("候选案件已变化", "Candidates have changed since")
                : recheck.sameCases ? language.pick("结果一致", "Same cases") : language.pick("结果不一致", "Different cases")
        }
        guard pool.digestMatches && pool.sameCases else { return language.pick("候选池与记录不符", "The frozen pool does not match the record") }
        let text = language.pick("候选池已冻结，重抽结果一致", "Frozen pool: the same cases drawn again")
        guard pool.added + pool.removed > 0 else { return text }
        return text + language.pick("（此后候选案件新增\(pool.added)件、减少\(pool.removed)件）", " (since then \(pool.added) added, \(pool.removed) gone)")
    }
}
