import ChuangkouCore
import ChuangkouStore
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("A hall's own catalog, loaded at start")
struct CatalogStartTests {
    /// A fresh directory holding the shipped catalog, with `change` applied to one file's text.
    static func catalogDirectory(editing code: String, _ change: (String) -> String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try CatalogFile.write(try CatalogFile.shipped(), to: directory)
        let file = directory.appendingPathComponent("\(code).yaml")
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        return directory
    }

    @Test("a broken catalog stops the start, naming the file, the line and the problem")
    func brokenStopsStart() async throws {
        let directory = try Self.catalogDirectory(editing: "passport") {
            $0.replacingOccurrences(of: "promisedWorkingDays: 7", with: "promisedWorkingDays: 30")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: directory.appendingPathComponent("passport.yaml"), encoding: .utf8)
        let line =
            try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("promisedWorkingDays: 30") }) + 1
        let error = try await #require(throws: CatalogError.self) {
            _ = try await makeHallApp(settings: ["chuangkou.catalog": .init(.string(directory.path), isSecret: false)])
        }
        #expect(error.problems.count == 1)
        #expect(error.description.contains("passport.yaml:\(line)"))
        #expect(error.description.contains("promised limit is longer than the statutory one"))
    }

    @Test("a good catalog publishes the guides that changed, and only those")
    func goodCatalogPublishes() async throws {
        let directory = try Self.catalogDirectory(editing: "seal-filing") { $0.replacingOccurrences(of: "floor: 一楼", with: "floor: 二楼") }
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try await makeHallApp(settings: ["chuangkou.catalog": .init(.string(directory.path), isSecret: false)])
        try await app.test(.router) { client in
            let seal = try decode(GuideJSON.self, try await client.send(.get, "/api/v1/businesses/seal-filing/guide"))
            #expect(seal.version == 2)
            #expect(seal.guide.location.floor == "二楼")
            #expect(seal.note.hasPrefix("启动时导入"))
            let passport = try decode(GuideJSON.self, try await client.send(.get, "/api/v1/businesses/passport/guide"))
            #expect(passport.version == 1)
        }
    }
}
