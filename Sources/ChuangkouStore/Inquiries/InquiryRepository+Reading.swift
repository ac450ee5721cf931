import ChuangkouCore
import Foundation
import SQLKit

extension InquiryRepository {
    /// One inquiry, or nil when unknown or not the viewer's to see.
    public func find(_ id: InquiryID, for viewer: Viewer) async throws -> Record? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT id, inquiry, contact_masked FROM inquiries WHERE id = \(bind: id.description)").first() else {
                return nil
            }
            let record = try Self.record(row: row)
            return viewer.seesAll || record.inquiry.isVisible(to: viewer.badge) ? record : nil
        }
    }

    /// What an officer's console lists: the open inquiries they own, the handovers waiting for their receipt, and
    /// what they recorded or took part in on `day` (so the first owner still sees one they handed over). With
    /// `everyone` (leaders, supervisors), every inquiry of the day and every one still open. Newest first, at most 200.
    public func list(for viewer: Viewer, everyone: Bool, on day: LocalDate) async throws -> [Record] {
        try await database.read { db in
            let rows: [any SQLRow]
            if everyone && viewer.seesAll {
                rows = try await db.raw(
                    """
                    SELECT id, inquiry, contact_masked FROM inquiries WHERE service_day = \(bind: day.description) OR status <> 'closed'
                    ORDER BY recorded_at DESC LIMIT 200
                    """
                ).all()
            } else {
                let me = viewer.badge.value
                rows = try await db.raw(
                    """
                    SELECT id, inquiry, contact_masked FROM inquiries
                    WHERE (owner_badge = \(bind: me) AND status <> 'closed') OR handover_badge = \(bind: me)
                        OR (service_day = \(bind: day.description) AND (first_badge = \(bind: me) OR owner_badge = \(bind: me)))
                    ORDER BY recorded_at DESC LIMIT 200
                    """
                ).all()
            }
            return try rows.map(Self.record(row:))
        }
    }

    static func record(row: any SQLRow) throws -> Record {
        let id = try row.decode(column: "id", as: String.self)
        let inquiry = try StoredJSON.value(Inquiry.self, try row.decode(column: "inquiry", as: String.self), table: "inquiries", id: id)
        return Record(inquiry: inquiry, contactMasked: try row.decode(column: "contact_masked", as: String?.self))
    }
}
