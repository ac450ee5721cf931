import ChuangkouCore
import Foundation
import SQLKit

extension GuideRepository {
    /// Records in the audit trail that an officer printed a written explanation (告知单) quoting a guide version.
    public func recordExplanationPrint(_ code: BusinessCode, version: Int, by officer: Badge, at now: Date) async throws {
        try await database.transaction { db in
            try await AuditTrail.record(AuditEntry("explanation.print", "guide:\(code)", detail: "version \(version) by \(officer)"), at: now, in: db)
        }
    }
}
