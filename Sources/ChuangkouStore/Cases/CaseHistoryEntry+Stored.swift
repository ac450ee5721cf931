import ChuangkouCore
import Foundation

/// How a history line is kept in `case_events`: an action code and a detail, as the API shows them.
extension CaseHistoryEntry {
    var action: String {
        switch self {
        case .opened: "opened"
        case .checklist: "checklist"
        case .notice: "notice"
        case .completed: "completed"
        case .accepted(.accepted, _): "accepted"
        case .accepted(.withDeferral, _): "accepted-with-deferral"
        case .accepted(.deemed, _): "deemed-accepted"
        case .notAccepted: "not-accepted"
        case .requested: "requested"
        case .breach: "breach"
        case .supplied: "supplied"
        case .step: "step"
        case .decided(let granted, _): granted ? "granted" : "denied"
        case .delivery: "delivery"
        case .terminated: "terminated"
        case .issued(let kind, _): "document.\(kind.rawValue)"
        }
    }

    func detail() throws -> String? {
        switch self {
        case .opened(let ticket): ticket.map { "ticket \($0)" } ?? "walk-in"
        case .checklist(let version): "v\(version)"
        case .notice(let materials): materials.joined(separator: "、")
        case .completed: nil
        case .accepted(_, let day): "from \(day)"
        case .notAccepted(let reason): reason
        case .requested(let index): "material \(index + 1)"
        case .breach(let breach): try CaseJSON.encode(breach)
        case .supplied(let indices): indices.map { "material \($0 + 1)" }.joined(separator: ", ")
        case .step(let position, let name, let opinion): "\(position) \(name): \(opinion)"
        case .decided(_, let reason): reason
        case .delivery(let method): method.rawValue
        case .terminated: "容缺材料逾期未补齐"
        case .issued(_, let number): number
        }
    }

    /// The entry a stored line was written from; nil for a line this version does not know.
    init?(action: String, detail: String?) {
        let detail = detail ?? ""
        func materials(_ text: String) -> [Int]? {
            let numbers = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { item -> Int? in
                guard item.hasPrefix("material "), let n = Int(item.dropFirst("material ".count)), n > 0 else { return nil }
                return n - 1
            }
            return numbers.contains(nil) ? nil : numbers.compactMap { $0 }
        }
        func from(_ text: String) -> LocalDate? { text.hasPrefix("from ") ? LocalDate(String(text.dropFirst(5))) : nil }
        switch action {
        case "opened":
            guard detail != "walk-in" else {
                self = .opened(ticket: nil)
                return
            }
            guard detail.hasPrefix("ticket "), let ticket = TicketID(String(detail.dropFirst(7))) else { return nil }
            self = .opened(ticket: ticket)
        case "checklist":
            guard detail.hasPrefix("v"), let version = Int(detail.dropFirst()) else { return nil }
            self = .checklist(version: version)
        case "notice": self = .notice(materials: detail.isEmpty ? [] : detail.components(separatedBy: "、"))
        case "completed": self = .completed
        case "accepted", "accepted-with-deferral", "deemed-accepted":
            guard let day = from(detail) else { return nil }
            let how: Acceptance = action == "accepted" ? .accepted : (action == "deemed-accepted" ? .deemed : .withDeferral)
            self = .accepted(how, from: day)
        case "not-accepted": self = .notAccepted(reason: detail)
        case "requested":
            guard let indices = materials(detail), indices.count == 1 else { return nil }
            self = .requested(index: indices[0])
        case "breach":
            guard let breach = try? CaseJSON.decode(OneTimeNoticeLedger.Breach.self, detail) else { return nil }
            self = .breach(breach)
        case "supplied":
            guard let indices = materials(detail) else { return nil }
            self = .supplied(indices: indices)
        case "step":
            guard let space = detail.firstIndex(of: " "), let position = Int(detail[..<space]),
                let colon = detail.range(of: ": ")
            else { return nil }
            let name = String(detail[detail.index(after: space)..<colon.lowerBound])
            self = .step(position: position, name: name, opinion: String(detail[colon.upperBound...]))
        case "granted", "denied": self = .decided(granted: action == "granted", reason: detail.isEmpty ? nil : detail)
        case "delivery":
            guard let method = Delivery.Method(rawValue: detail) else { return nil }
            self = .delivery(method)
        case "terminated": self = .terminated
        default:
            guard action.hasPrefix("document."), let kind = DocumentKind(rawValue: String(action.dropFirst("document.".count))) else {
                return nil
            }
            self = .issued(kind, number: detail)
        }
    }
}
