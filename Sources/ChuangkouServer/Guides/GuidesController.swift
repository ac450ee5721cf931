import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The service guides' JSON API: the catalog with search, each guide and its versions, and admin edits.
struct GuidesController {
    let services: HallServices

    struct GuideResponse: ResponseEncodable, Decodable {
        let code: String
        let version: Int
        let publishedAt: Date
        let publishedBy: String?
        let note: String
        let guide: Guide
        /// 12389 and the local number together, as the guide pages show them (四公开).
        let supervisionPhones: SupervisionPhones

        struct SupervisionPhones: Codable, Equatable {
            let national: String
            let local: String
        }

        init(_ version: GuideVersion) {
            code = version.guide.code.value
            self.version = version.version
            publishedAt = version.publishedAt
            publishedBy = version.publishedBy?.value
            note = version.note
            guide = version.guide
            supervisionPhones = SupervisionPhones(national: Hall.nationalSupervisionPhone, local: version.guide.supervisionPhone)
        }
    }

    struct VersionsResponse: ResponseEncodable, Decodable {
        struct Item: Codable {
            let version: Int
            let publishedAt: Date
            let publishedBy: String?
            let note: String
        }
        let code: String
        let versions: [Item]
    }

    struct CatalogResponse: ResponseEncodable, Decodable {
        struct Category: Codable, Equatable {
            let name: String
            let nameEnglish: String
            let count: Int
        }
        struct Item: Codable {
            let code: String
            let name: String
            let nameEnglish: String
            let category: String
            let kind: String
            let prefix: String
            let statutoryWorkingDays: Int
            let promisedWorkingDays: Int
            let version: Int
        }
        let categories: [Category]
        let businesses: [Item]
    }

    struct PublishResponse: ResponseEncodable, Decodable {
        let code: String
        let version: Int
        let changed: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("catalog") { request, _ in try await catalog(query(from: request)) }
        group.get("businesses/{code}/guide") { _, context in
            GuideResponse(try await current(code(context)))
        }
        group.get("businesses/{code}/guide/versions") { _, context in
            let code = try code(context)
            let versions = try await services.guides.versions(code)
            guard !versions.isEmpty else { throw unknown(code) }
            return VersionsResponse(
                code: code.value,
                versions: versions.map {
                    .init(version: $0.version, publishedAt: $0.publishedAt, publishedBy: $0.publishedBy?.value, note: $0.note)
                }
            )
        }
        group.get("businesses/{code}/guide/versions/{version}") { _, context in
            let code = try code(context)
            guard let number = context.parameters.get("version", as: Int.self), let version = try await services.guides.version(code, number) else {
                throw APIError.unknownGuideVersion
            }
            return GuideResponse(version)
        }
        group.put("businesses/{code}/guide") { request, context in try await publish(request, context) }
    }

    // MARK: - Handlers

    func catalog(_ query: GuideSearch.Query) async throws -> CatalogResponse {
        let current = try await services.guides.current()
        let guides = current.map(\.guide)
        let versions = Dictionary(uniqueKeysWithValues: current.map { ($0.guide.code, $0.version) })
        let found = GuideSearch().matches(query, in: guides)
        return CatalogResponse(
            categories: Self.categories(of: guides),
            businesses: found.map { guide in
                .init(
                    code: guide.code.value,
                    name: guide.name,
                    nameEnglish: guide.nameEnglish,
                    category: guide.category,
                    kind: guide.kind.rawValue,
                    prefix: guide.prefix.value,
                    statutoryWorkingDays: guide.limits.statutoryWorkingDays,
                    promisedWorkingDays: guide.limits.promisedWorkingDays,
                    version: versions[guide.code] ?? 0
                )
            }
        )
    }

    /// Categories in the order they first appear, with how many businesses each has.
    static func categories(of guides: [Guide]) -> [CatalogResponse.Category] {
        var order: [String] = []
        var counts: [String: (english: String, count: Int)] = [:]
        for guide in guides {
            if counts[guide.category] == nil { order.append(guide.category) }
            counts[guide.category, default: (guide.categoryEnglish, 0)].count += 1
        }
        return order.map { .init(name: $0, nameEnglish: counts[$0]!.english, count: counts[$0]!.count) }
    }

    func current(_ code: BusinessCode) async throws -> GuideVersion {
        guard let version = try await services.guides.current(code) else { throw unknown(code) }
        return version
    }

    /// `PUT /businesses/{code}/guide` `{"note": "…", "guide": {…}}`: publishes the next version (admins only).
    /// The guide goes through the same reader as the catalog files, so unknown keys are refused here too.
    func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let officer = try context.requireAdmin()
        let code = try code(context)
        let body = try await request.body.collect(upTo: 1_048_576)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let guideObject = object["guide"] as? [String: Any],
            let guideData = try? JSONSerialization.data(withJSONObject: guideObject, options: [.sortedKeys])
        else {
            throw APIError.badRequest("请求体应为 {\"note\": 说明, \"guide\": 办事指南}", #"The body must be {"note": text, "guide": object}"#)
        }
        let note = (object["note"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !note.isEmpty else {
            throw APIError.guideNoteRequired
        }
        let guide: Guide
        do {
            guide = try CatalogFile.parse(String(decoding: guideData, as: UTF8.self), file: "request", expectedCode: code.value)
        } catch {
            // Lines of a re-serialised body mean nothing to the caller; the paths do.
            throw APIError(rejectedGuide: error.problems.map { ($0.problem, nil) })
        }
        let publication = try await services.guides.publish(guide, by: officer.badge, note: note, at: services.now())
        let response = PublishResponse(code: code.value, version: publication.version, changed: publication.changed)
        return try response.response(from: request, context: context)
    }

    // MARK: - Helpers

    func code(_ context: AppRequestContext) throws -> BusinessCode {
        let text = context.parameters.get("code") ?? ""
        guard let code = BusinessCode(text) else { throw unknown(text) }
        return code
    }

    func unknown(_ code: some CustomStringConvertible) -> APIError {
        APIError.unknownBusiness("\(code)")
    }

    func query(from request: Request) -> GuideSearch.Query {
        let parameters = request.uri.queryParameters
        return GuideSearch.Query(
            text: parameters.get("q") ?? "",
            category: parameters.get("category").flatMap { $0.isEmpty ? nil : $0 },
            immediateOnly: ["1", "true", "on", "yes"].contains(parameters.get("immediate") ?? "")
        )
    }
}
