import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The audit over JSON, for the audit administrator: search (newest first, paged by `before`), CSV export, and
/// the chain's verification. Each search and export is itself audited (who looked at the audit, and for what).
struct AuditController {
    let log: AuditLog
    let database: Database
    let hall: Hall
    let anchorKey: AuditKey?
    let now: @Sendable () -> Date

    struct ListResponse: ResponseEncodable {
        let records: [RecordResponse]
        /// Pass as `before` for the next (older) page; absent on the last page.
        let next: Int64?
    }

    struct RecordResponse: ResponseEncodable, Equatable {
        let seq: Int64
        let at: String
        let actor: String
        let role: String
        let address: String
        let action: String
        let object: String
        let outcome: String
        let detail: String
        let prevHash: String
        let hash: String

        init(_ r: AuditRecord) {
            seq = r.seq
            at = r.date.formatted(.iso8601)
            actor = r.actor
            role = r.role
            address = r.address
            action = r.action
            object = r.object
            outcome = r.outcome
            detail = r.detail
            prevHash = r.previousHash
            hash = r.hash
        }
    }

    struct VerificationResponse: ResponseEncodable {
        let intact: Bool
        let rowsChecked: Int
        let firstSeq: Int64?
        let lastSeq: Int64?
        let anchorsChecked: Int
        let firstBreak: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("audit") { request, context in
            try Self.requireAuditAdmin(context)
            var filter = try AuditQuery.filter(request.uri.queryParameters, timeZone: hall.timeZone, maximum: 1_000)
            filter.limit += 1
            let found = try await search(filter, action: "audit.search")
            let page = Array(found.prefix(filter.limit - 1))
            return ListResponse(records: page.map(RecordResponse.init), next: found.count == filter.limit ? page.last?.seq : nil)
        }
        group.get("audit/export.csv") { request, context in
            try Self.requireAuditAdmin(context)
            let filter = try AuditQuery.filter(request.uri.queryParameters, timeZone: hall.timeZone, maximum: 100_000, defaultLimit: 100_000)
            let rows = try await search(filter, action: "audit.export")
            var csv = AuditRecord.csvHeader + "\r\n"
            for row in rows { csv += row.csvLine + "\r\n" }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"audit.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv))
            )
        }
        group.get("audit/verification") { _, context in
            try Self.requireAuditAdmin(context)
            let result = try await log.verify(anchorKey: anchorKey)
            try await database.recordRead(AuditEntry("audit.verify", "audit_log", detail: result.isIntact ? "intact" : "broken"), at: now())
            return VerificationResponse(
                intact: result.isIntact,
                rowsChecked: result.rowsChecked,
                firstSeq: result.firstSeq,
                lastSeq: result.lastSeq,
                anchorsChecked: result.anchorsChecked,
                firstBreak: result.firstBreak?.description
            )
        }
    }

    /// Searches and records that the audit was searched (with the filter, which holds no personal data once masked).
    func search(_ filter: AuditLog.Filter, action: String) async throws -> [AuditRecord] {
        try await database.recordRead(AuditEntry(action, "audit_log", detail: AuditQuery.describe(filter)), at: now())
        return try await log.search(filter)
    }

    /// Until the audit-admin role exists (issue 9's roles), the administrator reads the audit.
    static func requireAuditAdmin(_ context: AppRequestContext) throws {
        _ = try context.requireAdmin()
    }
}
