import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The service guides' JSON API: the catalog with search, each guide and its versions, and admin edits.
struct GuidesController {
    let guides: GuideRepository
    let now: @Sendable () -> Date
    var lookup: GuideLookup { GuideLookup(guides: guides) }

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
        typealias Category = GuideCategory
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
        group.get("catalog") { request, _ in try await catalog(GuideLookup.query(from: request)) }
        group.get("businesses/{code}/guide") { _, context in
            GuideResponse(try await lookup.current(GuideLookup.code(context)))
        }
        group.get("businesses/{code}/guide/versions") { _, context in
            let code = try GuideLookup.code(context)
            let versions = try await guides.versions(code)
            guard !versions.isEmpty else { throw GuideLookup.unknown(code) }
            return VersionsResponse(
                code: code.value,
                versions: versions.map {
                    .init(version: $0.version, publishedAt: $0.publishedAt, publishedBy: $0.publishedBy?.value, note: $0.note)
                }
            )
        }
        group.get("businesses/{code}/guide/versions/{version}") { _, context in
            let code = try GuideLookup.code(context)
            guard let number = context.parameters.get("version", as: Int.self), let version = try await guides.version(code, number) else {
                throw APIError.unknownGuideVersion
            }
            return GuideResponse(version)
        }
        group.put("businesses/{code}/guide") { request, context in try await publish(request, context) }
    }

    // MARK: - Handlers

    func catalog(_ query: GuideSearch.Query) async throws -> CatalogResponse {
        let current = try await guides.current()
        let guides = current.map(\.guide)
        let versions = Dictionary(uniqueKeysWithValues: current.map { ($0.guide.code, $0.version) })
        let found = GuideSearch().matches(query, in: guides)
        return CatalogResponse(
            categories: GuideCategory.all(of: guides),
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

    /// `PUT /businesses/{code}/guide` `{"note": "…", "guide": {…}}`: publishes the next version (admins only).
    /// The guide goes through the same reader as the catalog files, so unknown keys are refused here too.
    func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let officer = try context.requireAdmin()
        let code = try GuideLookup.code(context)
        let body = try await request.body.collect(upTo: 1_048_576)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let guideObject = object["guide"] as? [String: Any],
            let guideData = try? JSONSerialization.data(withJSONObject: guideObject, options: [.sortedKeys])
        else {
            throw APIError.badRequest(
                "请求体应为 {\"note\": 说明, \"guide\": 办事指南}",
                #"The body must be {"note": text, "guide": object}"#
            )
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
        let publication = try await guides.publish(guide, by: officer.badge, note: note, at: now())
        let response = PublishResponse(code: code.value, version: publication.version, changed: publication.changed)
        return try response.response(from: request, context: context)
    }
}
