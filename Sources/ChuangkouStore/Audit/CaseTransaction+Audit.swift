import ChuangkouCore
import Foundation

extension CaseTransaction {
    /// Audits a case change in its transaction, after its effects are written: the action is the event's first history
    /// line (`case.opened`, `case.step`, `case.granted`), the detail every line's action; no free text, no personal data.
    func audit(_ file: CaseFile, _ effects: [CaseEffect]) async throws {
        let actions = effects.compactMap { effect -> String? in
            if case .history(let entry, _) = effect { return entry.action }
            return nil
        }
        guard let first = actions.first else { return }
        try await AuditTrail.record(AuditEntry("case.\(first)", "case:\(file.id)", detail: actions.joined(separator: " ")), at: now, in: db)
    }
}
