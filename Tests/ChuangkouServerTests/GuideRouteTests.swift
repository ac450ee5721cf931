import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

struct GuideJSON: Decodable, Sendable {
    let code: String
    let version: Int
    let publishedBy: String?
    let note: String
    let guide: Guide
}

struct VersionsJSON: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        let version: Int
        let publishedBy: String?
        let note: String
    }
    let code: String
    let versions: [Item]
}

struct CatalogJSON: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        let code: String
        let kind: String
        let promisedWorkingDays: Int
    }
    struct Category: Decodable, Sendable {
        let name: String
        let count: Int
    }
    let categories: [Category]
    let businesses: [Item]
}

/// A 422 body listing every problem (guides, holiday notices).
struct ProblemsJSON: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        struct Problem: Decodable, Sendable {
            let message: String
            let messageChinese: String
            let messageEnglish: String
            /// Set for a guide's problems.
            let path: String?
            let rule: String?
        }
        let code: String
        let problems: [Problem]
    }
    let error: Detail
}

extension TestClientProtocol {
    /// `PUT /businesses/{code}/guide` with `{"note", "guide"}`, the guide given as a JSON object.
    func publish(_ code: String, guide: Any, note: String = "测试修改", token: String) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: ["note": note, "guide": guide], options: [.sortedKeys])
        return try await send(.put, "/api/v1/businesses/\(code)/guide", token: token, raw: String(decoding: data, as: UTF8.self))
    }

    /// The guide in force as an editable JSON object.
    func guideObject(_ code: String) async throws -> [String: Any] {
        let response = try await send(.get, "/api/v1/businesses/\(code)/guide")
        guard response.status == .ok else { throw UnexpectedResponse("guide \(code)", response) }
        return try #require(try jsonObject(response)["guide"] as? [String: Any])
    }
}

@Suite("Service guides over HTTP")
struct GuideRouteTests {
    @Test("GET /businesses/{code}/guide returns the guide in force with its version; unknown codes are 404")
    func currentGuide() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/api/v1/businesses/toxic-chemical-permit/guide")
            #expect(response.status == .ok)
            let body = try decode(GuideJSON.self, response)
            #expect(body.version == 1)
            #expect(body.guide.applicants == .organisation)
            #expect(body.guide.limits.statutoryWorkingDays == 3)
            #expect(body.guide == (try CatalogFile.shipped().first { $0.code.value == "toxic-chemical-permit" }))
            let phones = try #require(try jsonObject(response)["supervisionPhones"] as? [String: String])
            #expect(phones == ["national": "12389", "local": body.guide.supervisionPhone], "both supervision phones, as the pages show")
            expectError(try await client.send(.get, "/api/v1/businesses/marriage-registration/guide"), .notFound, "business.unknown")
            expectError(try await client.send(.get, "/api/v1/businesses/NOT%20A%20CODE/guide"), .notFound, "business.unknown")
            expectError(try await client.send(.get, "/api/v1/businesses/id-card/guide/versions/9"), .notFound, "guide.unknown-version")
        }
    }

    @Test("An admin's edit publishes version 2; version 1 stays readable exactly as it was")
    func adminEdit() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            var guide = try await client.guideObject("passport")
            var limits = try #require(guide["limits"] as? [String: Any])
            limits["promisedWorkingDays"] = 5
            guide["limits"] = limits
            let response = try await client.publish("passport", guide: guide, note: "承诺时限缩短为5个工作日", token: admin)
            #expect(response.status == .ok, "\(text(response))")
            #expect(try jsonObject(response)["version"] as? Int == 2)
            #expect(try jsonObject(response)["changed"] as? Bool == true)

            let current = try decode(GuideJSON.self, try await client.send(.get, "/api/v1/businesses/passport/guide"))
            #expect(current.version == 2)
            #expect(current.guide.limits.promisedWorkingDays == 5)
            #expect(current.publishedBy == Demo.admin)
            let old = try decode(GuideJSON.self, try await client.send(.get, "/api/v1/businesses/passport/guide/versions/1"))
            #expect(old.guide.limits.promisedWorkingDays == 7)
            let versions = try decode(VersionsJSON.self, try await client.send(.get, "/api/v1/businesses/passport/guide/versions"))
            #expect(versions.versions.map(\.version) == [2, 1])
            #expect(versions.versions.first?.note == "承诺时限缩短为5个工作日")

            // The same guide again changes nothing.
            let again = try await client.publish("passport", guide: try await client.guideObject("passport"), token: admin)
            #expect(try jsonObject(again)["changed"] as? Bool == false)
            #expect(try jsonObject(again)["version"] as? Int == 2)
        }
    }

    @Test("Rejected edits: every problem is listed (422) and nothing is published")
    func rejectedEdits() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            var guide = try await client.guideObject("residence-permit")
            var limits = try #require(guide["limits"] as? [String: Any])
            limits["promisedWorkingDays"] = 40
            guide["limits"] = limits
            guide["colour"] = "red"
            guide["prefix"] = "A"
            var response = try await client.publish("residence-permit", guide: guide, token: admin)
            expectError(response, .unprocessableContent, "guide.invalid")
            let problems = try decode(ProblemsJSON.self, response).error.problems
            #expect(Set(problems.map(\.rule)) == ["unknownKey"], "shape problems come first: \(problems)")

            guide["colour"] = nil
            response = try await client.publish("residence-permit", guide: guide, token: admin)
            expectError(response, .unprocessableContent, "guide.invalid")
            #expect(try decode(ProblemsJSON.self, response).error.problems.map(\.path) == ["limits.promisedWorkingDays"])

            limits["promisedWorkingDays"] = 10
            guide["limits"] = limits
            response = try await client.publish("residence-permit", guide: guide, token: admin)
            expectError(response, .unprocessableContent, "guide.invalid")
            #expect(try decode(ProblemsJSON.self, response).error.problems.map(\.rule) == ["duplicatePrefix"])

            // The code in the body must be the code in the path.
            guide["prefix"] = "B"
            response = try await client.publish("passport", guide: guide, token: admin)
            #expect(try decode(ProblemsJSON.self, response).error.problems.map(\.rule) == ["codeDoesNotMatchFile"])

            response = try await client.publish("residence-permit", guide: guide, note: "  ", token: admin)
            expectError(response, .unprocessableContent, "guide.note-required")
            expectError(
                try await client.send(.put, "/api/v1/businesses/residence-permit/guide", token: admin, raw: "{"),
                .badRequest,
                "request.malformed"
            )
            expectError(
                try await client.send(.put, "/api/v1/businesses/residence-permit/guide", token: admin, raw: "[]"),
                .badRequest,
                "request.malformed"
            )

            let versions = try decode(VersionsJSON.self, try await client.send(.get, "/api/v1/businesses/residence-permit/guide/versions"))
            #expect(versions.versions.count == 1)
        }
    }

    @Test("Only administrators publish: 401 without a token, 403 for a window officer or the duty leader")
    func adminOnly() async throws {
        try await withHall { client in
            let guide = try await client.guideObject("id-card")
            expectError(try await client.publish("id-card", guide: guide, token: "forged"), .unauthorized, "auth.required")
            let officer = try await client.token(Demo.officers[0])
            expectError(try await client.publish("id-card", guide: guide, token: officer), .forbidden, "auth.forbidden")
            let leader = try await client.token(Demo.dutyLeader)
            expectError(try await client.publish("id-card", guide: guide, token: leader), .forbidden, "auth.forbidden")
        }
    }

    @Test("A new code creates the business: it appears in the queue with its prefix")
    func newBusiness() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            var guide = try await client.guideObject("seal-filing")
            guide["code"] = "seal-change-filing"
            guide["name"] = "公章变更备案"
            guide["prefix"] = "L"
            let response = try await client.publish("seal-change-filing", guide: guide, token: admin)
            #expect(response.status == .ok, "\(text(response))")
            let ticket = try await client.issue("seal-change-filing")
            #expect(ticket.number == "L001")
        }
    }

    @Test("GET /catalog searches names, keywords and synonyms, and filters by category and on-the-spot items")
    func catalogSearch() async throws {
        try await withHall { client in
            func codes(_ query: String) async throws -> [String] {
                try decode(CatalogJSON.self, try await client.send(.get, "/api/v1/catalog?\(query)")).businesses.map(\.code)
            }
            #expect(try await codes("").count == 10)
            #expect(try await codes("q=%E8%BA%AB%E4%BB%BD%E8%AF%81").contains("id-card"))  // 身份证
            #expect(try await codes("q=%E9%A9%BE%E7%85%A7") == ["driving-licence"])  // 驾照
            #expect(try await codes("q=%E6%9A%82%E4%BD%8F%E8%AF%81") == ["residence-permit"])  // 暂住证
            #expect(try await codes("q=%E5%B7%A5%E5%95%86%E7%99%BB%E8%AE%B0").isEmpty)  // 工商登记
            let immediate = try decode(CatalogJSON.self, try await client.send(.get, "/api/v1/catalog?immediate=1")).businesses
            #expect(!immediate.isEmpty)
            #expect(immediate.allSatisfy { $0.kind == "immediate" })
            #expect(immediate.contains { $0.code == "seal-filing" })
            let publicOrder = try await codes("category=%E6%B2%BB%E5%AE%89%E7%AE%A1%E7%90%86")  // 治安管理
            #expect(Set(publicOrder) == ["toxic-chemical-permit", "toxic-chemical-transport", "seal-filing", "seal-trade-filing"])
            let catalog = try decode(CatalogJSON.self, try await client.send(.get, "/api/v1/catalog"))
            #expect(catalog.categories.map(\.count).reduce(0, +) == 10)
        }
    }

    @Test("Officer photos: admins upload JPEG/PNG/WebP up to 512 KB; the windows list links it")
    func photos() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let png = ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))
            func put(_ badge: String, _ type: String, _ body: ByteBuffer, token: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: type]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: "/api/v1/officers/\(badge)/photo", method: .put, headers: headers, body: body)
            }
            expectError(try await client.send(.get, "/api/v1/officers/010231/photo"), .notFound, "officer.no-photo")
            expectError(try await put("010231", "image/png", png, token: nil), .unauthorized, "auth.required")
            expectError(try await put("010231", "image/png", png, token: try await client.token(Demo.officers[0])), .forbidden, "auth.forbidden")
            expectError(try await put("010231", "text/plain", png, token: admin), .unsupportedMediaType, "photo.type")
            expectError(try await put("999999", "image/png", png, token: admin), .notFound, "officer.unknown")
            let huge = ByteBuffer(repeating: 0, count: 600 * 1024)
            let tooLarge = try await put("010231", "image/jpeg", huge, token: admin)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await put("010231", "image/png", png, token: admin).status == .noContent)

            let photo = try await client.send(.get, "/api/v1/officers/010231/photo")
            #expect(photo.status == .ok)
            #expect(photo.headers[.contentType] == "image/png")
            #expect(Array(photo.body.readableBytesView) == Array(png.readableBytesView))

            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let windows = try jsonObject(try await client.send(.get, "/api/v1/windows"))["windows"] as? [[String: Any]]
            let officer = try #require(windows?.first { $0["number"] as? Int == 1 }?["officer"] as? [String: Any])
            #expect(officer["photo"] as? String == "/api/v1/officers/010231/photo")
            let display = text(try await client.send(.get, "/display"))
            #expect(display.contains(#"<img class="photo" src="/api/v1/officers/010231/photo""#))
        }
    }
}
