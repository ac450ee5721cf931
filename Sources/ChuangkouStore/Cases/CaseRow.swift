import ChuangkouCore
import Foundation
import SQLKit

/// Reading and writing the `cases` row: personal data sealed on the way in and opened on the way out.
extension CaseFile {
    static let columns = """
        id, query_code, business_code, guide_version, ticket_id, window_number, officer_badge, applicant_sealed, fields, stage,
        received_at, accepted_on, deemed, commitment_signed, checklist, checklist_version, ledger, deferral, clock_id, delivery,
        decision, notice_warned, channel, onsite_visit_id
        """

    init(row: any SQLRow, sealer: DataSealer, steps: [CaseStep]) throws {
        let id = try row.decode(column: "id", as: String.self)
        do {
            guard let caseID = CaseID(id), let code = BusinessCode(try row.decode(column: "business_code", as: String.self)),
                let officer = Badge(try row.decode(column: "officer_badge", as: String.self)),
                let stage = CaseStage(rawValue: try row.decode(column: "stage", as: String.self))
            else { throw StoreError.corruptRow(table: "cases", id: id) }
            let visitText = try row.decode(column: "onsite_visit_id", as: String?.self)
            let visit = visitText.flatMap(OnSiteVisitID.init)
            guard (visitText == nil) == (visit == nil),
                let channel = CaseChannel(code: try row.decode(column: "channel", as: String.self), visit: visit)
            else { throw StoreError.corruptRow(table: "cases", id: id) }
            self.init(
                id: caseID,
                queryCode: try row.decode(column: "query_code", as: String.self),
                guide: GuideReference(code: code, version: try row.decode(column: "guide_version", as: Int.self)),
                ticket: try row.decode(column: "ticket_id", as: String?.self).flatMap(TicketID.init),
                window: try row.decodeWindow(column: "window_number"),
                officer: officer,
                applicant: try CaseJSON.decode(Applicant.self, sealer.open(try row.decode(column: "applicant_sealed", as: String.self))),
                fields: try CaseJSON.decode([String: String].self, try row.decode(column: "fields", as: String.self)),
                stage: stage,
                receivedAt: Date(milliseconds: try row.decode(column: "received_at", as: Int64.self)),
                acceptedOn: try row.decode(column: "accepted_on", as: String?.self).flatMap { LocalDate($0) },
                deemed: try row.decode(column: "deemed", as: Int.self) != 0,
                commitmentSigned: try row.decode(column: "commitment_signed", as: Int.self) != 0,
                checklist: try CaseJSON.decode(Checklist.self, try row.decode(column: "checklist", as: String.self)),
                checklistVersion: try row.decode(column: "checklist_version", as: Int.self),
                ledger: try CaseJSON.decode(OneTimeNoticeLedger.self, try row.decode(column: "ledger", as: String.self)),
                deferral: try row.decode(column: "deferral", as: String?.self).map { try CaseJSON.decode(Deferral.self, $0) },
                clock: try row.decode(column: "clock_id", as: String?.self).flatMap(DeadlineClockID.init),
                delivery: try row.decode(column: "delivery", as: String?.self).map { try CaseJSON.decode(Delivery.self, sealer.open($0)) },
                decision: try row.decode(column: "decision", as: String?.self).map { try CaseJSON.decode(Decision.self, $0) },
                noticeWarned: try row.decode(column: "notice_warned", as: Int.self) != 0,
                steps: steps,
                channel: channel
            )
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptRow(table: "cases", id: id)
        }
    }

    /// Masked identifier for display: the ID number masked, or the (public) credit code.
    var identifierMasked: String { applicant.printedIdentifier }
}

/// One JSON style for everything the case tables hold: keys sorted, so equal values are equal text.
enum CaseJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
