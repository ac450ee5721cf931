import ChuangkouCore
import Foundation
import SQLKit

extension InquiryRepository {
    /// What one end-of-day sweep did.
    public struct DayEndReport: Sendable, Equatable {
        /// The duty leader the open inquiries went to (nil when nobody is on the roster now: they stay where they are
        /// and the next sweep tries again).
        public var leader: Badge?
        public var sent: [InquiryID] = []
        /// Open inquiries waiting for a leader because none is on duty.
        public var waiting = 0
        public var skipped: [String] = []
    }

    /// Passes every inquiry still open when the office day ended (`office.closing` of today once it has passed,
    /// else of yesterday) to the duty leader on duty at `now` (首问负责: ownership is never dropped, so the day's
    /// unfinished questions have an owner overnight). Each inquiry moves in its own transaction with a conditional
    /// update, so two servers sweeping at once move it once.
    public func sendOpenToDutyLeader(office: OfficeHours, hall: Hall, at instant: Date) async throws -> DayEndReport {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let today = hall.serviceDay(at: now)
        let closesToday = office.closing(on: today, in: hall.timeZone)
        let cutoff = closesToday <= now ? closesToday : office.closing(on: try today.adding(days: -1), in: hall.timeZone)
        let (leader, ids) = try await database.read { db in
            let leader = try await DutyRosterRepository.leaderOnDuty(at: now, in: db)
            let ids = try await db.raw(
                """
                SELECT id FROM inquiries WHERE status <> 'closed' AND day_end_at IS NULL
                    AND recorded_at < \(bind: cutoff.millisecondsSince1970) ORDER BY recorded_at
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
            return (leader?.badge, ids)
        }
        var report = DayEndReport(leader: leader)
        guard let leader else {
            report.waiting = ids.count
            return report
        }
        let dialect = database.dialect
        for text in ids {
            guard let id = InquiryID(text) else {
                report.skipped.append(text)
                continue
            }
            do {
                let moved = try await database.transaction { db -> Bool in
                    guard
                        let row = try await db.raw(
                            """
                            SELECT inquiry FROM inquiries WHERE id = \(bind: text) AND status <> 'closed' AND day_end_at IS NULL
                            \(unsafeRaw: dialect.forUpdate)
                            """
                        ).first()
                    else { return false }
                    var inquiry = try StoredJSON.value(Inquiry.self, try row.decode(column: "inquiry", as: String.self), table: "inquiries", id: text)
                    let effects = inquiry.sendToDutyLeader(leader, at: now)
                    try await Self.write(inquiry, effects: effects, action: "day-end", at: now, in: db)
                    return true
                }
                if moved { report.sent.append(id) }
            } catch StoreError.corruptRow {
                report.skipped.append(text)
            }
        }
        return report
    }
}
