import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Guide versions")
struct GuideRepositoryTests {
    let admin = Badge("019900")!
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("the demo hall publishes version 1 of every shipped guide")
    func shippedVersionOne() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let current = try await GuideRepository(database: db).current()
            #expect(current.count == 10)
            #expect(current.allSatisfy { $0.version == 1 && $0.publishedBy == nil })
            #expect(current.map(\.guide) == (try CatalogFile.shipped()))
        }
    }

    @Test("an edit makes a new version; the old one stays exactly as it was (pinning)")
    func versionsArePinned() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            let v1 = try #require(try await guides.current(Demo.toxic))
            var edited = v1.guide
            edited.limits.promisedWorkingDays = 1
            edited.name = "剧毒化学品购买许可证"
            let publication = try await guides.publish(edited, by: admin, note: "承诺时限缩短为1个工作日", at: start)
            #expect(publication == .init(code: Demo.toxic, version: 2, changed: true))

            let current = try #require(try await guides.current(Demo.toxic))
            #expect(current.version == 2)
            #expect(current.guide == edited)
            #expect(current.publishedBy == admin)
            #expect(current.note == "承诺时限缩短为1个工作日")
            // Version 1, which a case accepted yesterday refers to, is unchanged.
            #expect(try await guides.version(Demo.toxic, 1) == v1)
            #expect(try await guides.versions(Demo.toxic).map(\.version) == [2, 1])
            // The queue sees the new name at once.
            #expect(try await BusinessRepository(database: db).find(Demo.toxic)?.name == "剧毒化学品购买许可证")
        }
    }

    @Test("publishing an unchanged guide makes no version")
    func unchanged() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            let v1 = try #require(try await guides.current(Demo.seal))
            #expect(try await guides.publish(v1.guide, by: admin, note: "", at: start) == .init(code: Demo.seal, version: 1, changed: false))
            #expect(try await guides.versions(Demo.seal).count == 1)
        }
    }

    @Test("a rejected edit lists its problems and writes nothing")
    func rejected() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            var edited = try #require(try await guides.current(Demo.toxic)).guide
            edited.limits.promisedWorkingDays = 30
            edited.materials[0].deferrable = true
            let error = try await #require(throws: GuideRejected.self) {
                try await guides.publish(edited, by: admin, note: "", at: start)
            }
            #expect(Set(error.problems.map(\.rule)) == [.promisedExceedsStatutory, .deferrableEssential])
            #expect(try await guides.versions(Demo.toxic).count == 1)
        }
    }

    @Test("a prefix another business uses is refused")
    func prefixTaken() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            var edited = try #require(try await guides.current(Demo.toxic)).guide
            edited.prefix = TicketPrefix("A")!
            let error = try await #require(throws: GuideRejected.self) {
                try await guides.publish(edited, by: admin, note: "", at: start)
            }
            #expect(error.problems == [GuideProblem("prefix", .duplicatePrefix, "A = id-card")])
            #expect(try await guides.current(Demo.toxic)?.version == 1)
        }
    }

    @Test("a new business gets version 1 and joins the end of the list")
    func newBusiness() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            var guide = try #require(try await guides.current(Demo.seal)).guide
            guide.code = BusinessCode("seal-change")!
            guide.name = "公章变更备案"
            guide.prefix = TicketPrefix("L")!
            #expect(try await guides.publish(guide, by: admin, note: "新增事项", at: start).version == 1)
            let list = try await BusinessRepository(database: db).all(serviceDay: Demo.hall.serviceDay(at: start))
            #expect(list.last?.business.code == guide.code)
            #expect(list.count == 11)
        }
    }

    @Test("a catalog import is one transaction: one bad guide and nothing changes")
    func importAllOrNothing() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let guides = GuideRepository(database: db)
            var catalog = try CatalogFile.shipped()
            catalog[0].officeHours = "周一至周六 9:00—17:00"
            catalog[1].prefix = catalog[2].prefix
            await #expect(throws: GuideRejected.self) {
                try await guides.publish(catalog: catalog, by: nil, note: "import", at: start)
            }
            #expect(try await guides.current().allSatisfy { $0.version == 1 })

            catalog = try CatalogFile.shipped()
            catalog[0].officeHours = "周一至周六 9:00—17:00"
            let done = try await guides.publish(catalog: catalog, by: nil, note: "import", at: start)
            #expect(done.filter(\.changed).map(\.code) == [catalog[0].code])
            #expect(try await guides.current(catalog[0].code)?.version == 2)
        }
    }
}
