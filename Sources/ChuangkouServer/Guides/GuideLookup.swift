import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Finding a guide from a request: the business code in the path, the catalog's search query, the version in force.
/// Shared by the guides' API and pages.
struct GuideLookup: Sendable {
    let guides: GuideRepository

    func current(_ code: BusinessCode) async throws -> GuideVersion {
        guard let version = try await guides.current(code) else { throw Self.unknown(code) }
        return version
    }

    static func code(_ context: AppRequestContext) throws -> BusinessCode {
        let text = context.parameters.get("code") ?? ""
        guard let code = BusinessCode(text) else { throw unknown(text) }
        return code
    }

    static func unknown(_ code: some CustomStringConvertible) -> APIError {
        APIError.unknownBusiness("\(code)")
    }

    static func query(from request: Request) -> GuideSearch.Query {
        let parameters = request.uri.queryParameters
        return GuideSearch.Query(
            text: parameters.get("q") ?? "",
            category: parameters.get("category").flatMap { $0.isEmpty ? nil : $0 },
            immediateOnly: ["1", "true", "on", "yes"].contains(parameters.get("immediate") ?? "")
        )
    }
}

/// A category of the catalog and how many businesses it has.
struct GuideCategory: Codable, Equatable {
    let name: String
    let nameEnglish: String
    let count: Int

    /// Categories in the order they first appear, with how many businesses each has.
    static func all(of guides: [Guide]) -> [GuideCategory] {
        var order: [String] = []
        var counts: [String: (english: String, count: Int)] = [:]
        for guide in guides {
            if counts[guide.category] == nil { order.append(guide.category) }
            counts[guide.category, default: (guide.categoryEnglish, 0)].count += 1
        }
        return order.map { .init(name: $0, nameEnglish: counts[$0]!.english, count: counts[$0]!.count) }
    }
}
