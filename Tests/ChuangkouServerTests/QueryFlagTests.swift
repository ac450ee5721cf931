import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Yes/no query parameters take `true` or `false` only, as the document's enum says (schemathesis found `?closed=AAA`
/// answered 200): anything else is a 400 naming the parameter; absent is false.
@Suite("Yes/no query parameters")
struct QueryFlagTests {
    @Test(
        "a value other than true or false is a 400; true and false are answered",
        arguments: ["/api/v1/complaints?closed", "/api/v1/inquiries?all", "/api/v1/competent-bodies?retired", "/api/v1/incidents?open",
            "/api/v1/incidents?mine"]
    )
    func flags(_ route: String) async throws {
        try await withHall { client in
            let leader = try await client.token(Demo.dutyLeader)
            for bad in ["AAA", "1", "TRUE", ""] {
                expectError(try await client.send(.get, "\(route)=\(bad)", token: leader), .badRequest, "request.malformed")
            }
            for good in ["true", "false"] {
                let response = try await client.send(.get, "\(route)=\(good)", token: leader)
                #expect(response.status == .ok, "\(route)=\(good): \(response.status)")
            }
        }
    }
}
