import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The public guide pages (catalog, guide, A4 print, any version) and the admin's guide editor and officer photos.
struct GuidePagesController {
    let pages: PageRenderer
    let guides: GuideRepository
    let officers: OfficerRepository
    let now: @Sendable () -> Date
    var lookup: GuideLookup { GuideLookup(guides: guides) }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("guides") { request, context in try await catalog(request, context) }
        router.get("guides/{code}") { request, context in try await guide(request, context, version: nil, printable: false) }
        router.get("guides/{code}/print") { request, context in try await guide(request, context, version: nil, printable: true) }
        router.get("guides/{code}/v/{version}") { request, context in
            try await guide(request, context, version: try versionNumber(context), printable: false)
        }
        router.get("guides/{code}/v/{version}/print") { request, context in
            try await guide(request, context, version: try versionNumber(context), printable: true)
        }
        router.get("admin/guides") { request, context in try await adminList(request, context) }
        router.get("admin/guides/{code}") { request, context in try await editor(request, context) }
        router.post("admin/guides/{code}") { request, context in try await publish(request, context) }
        router.get("admin/officers") { request, context in try await officers(request, context) }
    }

    // MARK: - Public

    func catalog(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let query = GuideLookup.query(from: request)
        let current = try await guides.current().map(\.guide)
        let found = GuideSearch().matches(query, in: current)
        // Category counts follow the search and the on-the-spot filter, not the category picked.
        var anyCategory = query
        anyCategory.category = nil
        let inScope = GuideSearch().matches(anyCategory, in: current)
        let page = CatalogPage(
            frame: pages.frame(request, context, ("办事指南", "Service guides"), Self.texts),
            query: query.text,
            immediateOnly: query.immediateOnly,
            category: query.category,
            filterQuery: QueryString.make([("q", query.text), ("immediate", query.immediateOnly ? "1" : "")]),
            categories: GuideCategory.all(of: current).map { category in
                .init(
                    name: category.name,
                    encodedName: QueryString.encoded(category.name),
                    label: language.pick(category.name, category.nameEnglish),
                    count: inScope.filter { $0.category == category.name }.count,
                    selected: category.name == query.category
                )
            },
            items: found.map { g in
                .init(
                    code: g.code.value,
                    name: language.pick(g.name, g.nameEnglish),
                    category: language.pick(g.category, g.categoryEnglish),
                    kindLabel: GuideView.kindLabel(g.kind, language),
                    isImmediate: g.kind == .immediate,
                    promisedLimit: GuideView.days(g.limits.promisedWorkingDays, language),
                    statutoryLimit: GuideView.days(g.limits.statutoryWorkingDays, language)
                )
            },
            count: found.count,
            empty: found.isEmpty
        )
        return try pages.render("catalog", page, request)
    }

    /// A version's publication day: 年月日 in Chinese, ISO in English.
    static func date(_ instant: Date, _ language: Language, _ zone: TimeZone) -> String {
        let day = LocalDate(instant, in: zone)
        return language.pick(day.chineseDate, day.description)
    }

    func guide(_ request: Request, _ context: AppRequestContext, version number: Int?, printable: Bool) async throws -> Response {
        let language = Language.of(request)
        let code = try GuideLookup.code(context)
        let current = try await lookup.current(code)
        let shown: GuideVersion
        if let number, number != current.version {
            guard let old = try await guides.version(code, number) else {
                throw APIError.unknownGuideVersion
            }
            shown = old
        } else {
            shown = current
        }
        let versions = printable ? [] : try await guides.versions(code)
        let view = GuideView(shown, language: language, timeZone: pages.hall.timeZone)
        let page = GuidePage(
            frame: pages.frame(request, context, (shown.guide.name, shown.guide.nameEnglish), Self.texts),
            guide: view,
            printable: printable,
            superseded: shown.version != current.version,
            currentVersion: current.version,
            versions: versions.map {
                .init(
                    version: $0.version,
                    publishedOn: Self.date($0.publishedAt, language, pages.hall.timeZone),
                    note: $0.note,
                    isShown: $0.version == shown.version
                )
            },
            printURL: "/guides/\(code)/v/\(shown.version)/print"
        )
        return try pages.render("guide", page, request)
    }

    func versionNumber(_ context: AppRequestContext) throws -> Int {
        guard let number = context.parameters.get("version", as: Int.self) else {
            throw APIError.unknownGuideVersion
        }
        return number
    }

    // MARK: - Admin

    /// Admin pages send a signed-out visitor to the sign-in page and refuse other roles.
    func admin(_ context: AppRequestContext) throws -> Officer? {
        try context.adminIfSignedIn()
    }

    func adminList(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard try admin(context) != nil else { return PageRenderer.signIn(returningTo: request) }
        let current = try await guides.current()
        let page = AdminGuidesPage(
            frame: pages.frame(request, context, ("办事指南管理", "Manage guides"), Self.texts),
            items: current.map {
                .init(
                    code: $0.guide.code.value,
                    name: $0.guide.name,
                    version: $0.version,
                    publishedOn: LocalDate($0.publishedAt, in: pages.hall.timeZone).description
                )
            }
        )
        return try pages.render("admin-guides", page, request)
    }

    func editor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard try admin(context) != nil else { return PageRenderer.signIn(returningTo: request) }
        let code = try GuideLookup.code(context)
        // A code with no guide yet opens a new business, starting from an existing guide's shape.
        let current = try await guides.current(code)
        var template = current
        if template == nil { template = try await guides.current().first }
        guard var guide = template?.guide else { throw GuideLookup.unknown(code) }
        if current == nil { guide.code = code }
        let published = request.uri.queryParameters.get("published", as: Int.self)
        let page = GuideEditPage(
            frame: pages.frame(request, context, ("编辑办事指南", "Edit guide"), Self.texts),
            code: code.value,
            name: guide.name,
            version: current?.version,
            yaml: try CatalogFile.yaml(guide),
            note: "",
            problems: [],
            published: published
        )
        return try pages.render("guide-edit", page, request)
    }

    func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = try admin(context) else { return PageRenderer.signIn(returningTo: request) }
        struct Form: Decodable {
            let yaml: String
            let note: String
        }
        let code = try GuideLookup.code(context)
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 1_048_576)))
        let language = Language.of(request)
        var problems: [GuideEditPage.Problem] = []
        let note = form.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty {
            problems.append(.init(line: nil, message: language.pick("请填写修改说明", "Say what changed")))
        }
        do {
            let guide = try CatalogFile.parse(form.yaml, file: "\(code).yaml", expectedCode: code.value)
            if problems.isEmpty {
                let publication = try await guides.publish(guide, by: officer.badge, note: note, at: now())
                return .redirect(to: "/admin/guides/\(code)?published=\(publication.version)", type: .found)
            }
        } catch let error as CatalogError {
            problems += error.problems.map { .init(line: $0.line, message: language.pick($0.problem.messageChinese, $0.problem.messageEnglish)) }
        } catch let error as GuideRejected {
            problems += error.problems.map { .init(line: nil, message: language.pick($0.messageChinese, $0.messageEnglish)) }
        }
        let current = try await guides.current(code)
        let page = GuideEditPage(
            frame: pages.frame(request, context, ("编辑办事指南", "Edit guide"), Self.texts),
            code: code.value,
            name: current?.guide.name ?? code.value,
            version: current?.version,
            yaml: form.yaml,
            note: form.note,
            problems: problems,
            published: nil
        )
        var response = try pages.render("guide-edit", page, request)
        response.status = .unprocessableContent
        return response
    }

    func officers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard try admin(context) != nil else { return PageRenderer.signIn(returningTo: request) }
        let language = Language.of(request)
        let photos = try await officers.badgesWithPhotos()
        let page = AdminOfficersPage(
            frame: pages.frame(request, context, ("民警公示信息", "Officers' public cards"), Self.texts),
            officers: try await officers.all().map { o in
                .init(
                    badge: o.badge.value,
                    name: o.name,
                    post: o.post,
                    role: language.pick(o.role.label, o.role.labelEnglish),
                    photo: photos.contains(o.badge) ? "/api/v1/officers/\(o.badge.value)/photo" : nil
                )
            }
        )
        return try pages.render("admin-officers", page, request)
    }
}

extension GuidePagesController {
    static let texts: [String: (String, String)] = [
        "guides": ("办事指南", "Service guides"),
        "search": ("搜索事项", "Search"),
        "searchHint": (
            "输入事项名称或关键词，如：身份证、居住证、刻章",
            "Name or keyword, e.g. ID card, residence permit, seal"
        ),
        "allCategories": ("全部类别", "All categories"),
        "immediateOnly": ("只看可当场办结的", "Only what is done on the spot"),
        "found": ("共找到", "Found"),
        "items": ("项", "items"),
        "nothing": (
            "没有找到相关事项，可换个说法或咨询服务台。",
            "Nothing found: try other words, or ask at the information desk."
        ),
        "kind": ("事项类型", "Kind"),
        "applicants": ("申请对象", "Who may apply"),
        "statutory": ("法定时限", "Statutory limit"),
        "promised": ("承诺时限", "Promised limit"),
        "fee": ("收费标准", "Fee"),
        "location": ("办理地点", "Where"),
        "officeHours": ("办公时间", "Office hours"),
        "consultation": ("咨询电话", "Enquiries"),
        "conditions": ("申请条件", "Conditions"),
        "materials": ("申请材料", "Materials"),
        "material": ("材料名称", "Material"),
        "originals": ("原件", "Originals"),
        "copies": ("复印件", "Copies"),
        "form": ("形式", "Form"),
        "notes": ("要求及出具单位", "Requirements and issuer"),
        "deferrable": ("可容缺", "May follow"),
        "deferrableNote": (
            "标注“可容缺”的材料，申请人书面承诺后可先行受理、限期补齐。",
            "Materials marked “may follow” can be supplied later, after a signed commitment."
        ),
        "steps": ("办理流程", "Process"),
        "legalBasis": ("设定依据", "Legal basis"),
        "restriction": ("申请限制", "Restriction"),
        "version": ("版本", "Version"),
        "published": ("发布日期", "Published"),
        "print": ("打印 (A4)", "Print (A4)"),
        "book": ("网上预约", "Book an appointment"),
        "printNow": ("打印", "Print"),
        "back": ("返回", "Back"),
        "versions": ("历史版本", "Versions"),
        "superseded": ("这是历史版本，现行版本为", "This is an old version; the version in force is"),
        "current": ("现行", "in force"),
        "edit": ("编辑", "Edit"),
        "note": ("修改说明", "What changed"),
        "publish": ("发布新版本", "Publish new version"),
        "problems": ("未发布，请修改以下问题：", "Not published; fix these problems:"),
        "line": ("第", "line "),
        "lineSuffix": ("行", ""),
        "publishedOk": ("已发布新版本", "Published version"),
        "yamlHelp": (
            "以下为该事项办事指南的全部内容（YAML格式），保存后生成新版本，旧版本永久保留。",
            "The whole guide as YAML. Saving makes a new version; old versions are kept."
        ),
        "photo": ("照片", "Photo"),
        "upload": ("上传照片", "Upload photo"),
        "noPhoto": ("暂无照片", "No photo"),
        "officers": ("民警公示信息", "Officers' public cards"),
        "badge": ("警号", "Badge"),
        "post": ("岗位", "Post"),
    ]
}
