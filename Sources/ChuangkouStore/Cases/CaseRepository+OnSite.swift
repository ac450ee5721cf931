import ChuangkouCore
import Foundation
import SQLKit

/// A case opened on site, as the visit's page lists it: no personal data beyond the applicant's name.
public struct OnSiteCase: Sendable, Equatable {
    public let id: CaseID
    public let queryCode: String
    public let business: BusinessCode
    public let stage: CaseStage
    public let applicantName: String
    public let officer: Badge
    public let receivedAt: Date
}

extension CaseRepository {
    /// The cases the team opened on `visit`, in the order they were opened (the visit's results, per visit).
    public func cases(onVisit visit: OnSiteVisitID) async throws -> [OnSiteCase] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id, query_code, business_code, stage, applicant_name, officer_badge, received_at FROM cases
                WHERE onsite_visit_id = \(bind: visit.description) ORDER BY received_at, id
                """
            ).all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let caseID = CaseID(id), let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
                    let stage = CaseStage(rawValue: try row.decode(column: "stage", as: String.self)),
                    let officer = Badge(try row.decode(column: "officer_badge", as: String.self))
                else { throw StoreError.corruptRow(table: "cases", id: id) }
                return OnSiteCase(
                    id: caseID,
                    queryCode: try row.decode(column: "query_code", as: String.self),
                    business: business,
                    stage: stage,
                    applicantName: try row.decode(column: "applicant_name", as: String.self),
                    officer: officer,
                    receivedAt: Date(milliseconds: try row.decode(column: "received_at", as: Int64.self))
                )
            }
        }
    }
}
