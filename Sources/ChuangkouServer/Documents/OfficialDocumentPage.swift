import ChuangkouCore
import ChuangkouStore
import Foundation

/// The view model of `document.mustache`: a case document laid out as GB/T 9704 asks of an official document, as far
/// as a window document needs: the issuing unit's mark in red, the 文号 (东公（窗）受字〔2026〕17号) over a red rule,
/// the title, the body, the seal area over the unit and the 年月日 date, the applicant's 签收 line, and the status
/// query as a full URL and a QR code. Dates are 年月日 and quotation marks “” throughout.
struct OfficialDocumentPage {
    struct Row {
        let label: String
        let value: String
        let strong: Bool
    }

    let frame: PageFrame
    let kind: String
    let copy: Bool
    let reprints: Int
    let caseURL: String
    let unit: String
    let unitAddress: String
    let title: String
    /// 东公（窗）受字〔2026〕17号; the stored number when it cannot be read (a record from another version).
    let number: String
    /// DHGA-2026-000017, printed small in the foot so the record can be found.
    let storedNumber: String
    let addressee: String
    let paragraphs: [String]
    let items: [String]
    let hasItems: Bool
    let supplementDue: String?
    let reason: String?
    let basis: String?
    let remedies: String?
    let rows: [Row]
    let officerName: String
    let officerBadge: String
    let date: String
    let queryCode: String
    let statusURL: String
    let qrSVG: String
    let phones: String

    /// The word after the unit's abbreviation in each kind's 文号 (受字, 补字, 许字…).
    static func kindWord(_ kind: DocumentKind) -> String {
        switch kind {
        case .acceptanceNotice: "受"
        case .completionReceipt: "结"
        case .oneTimeNotice: "补"
        case .noticeCorrection: "补更"
        case .deferralNotice: "容"
        case .refusalNotice: "不受"
        case .grantDecision: "许"
        case .denialDecision: "不许"
        case .terminationNotice: "终"
        }
    }

    init(frame: PageFrame, document: CaseDocument, copy: Bool, unitAbbreviation: String, publicBase: String) {
        let facts = document.facts
        let q = ChineseDocumentText.official
        let date = ChineseDocumentText.date
        self.frame = frame
        kind = document.kind.rawValue
        self.copy = copy
        reprints = document.reprints
        caseURL = "/cases/\(document.caseID)"
        unit = facts.unit
        unitAddress = facts.unitAddress
        title = facts.title
        number =
            OfficialNumber(stored: facts.number, unitAbbreviation: unitAbbreviation, kindWord: Self.kindWord(document.kind))?.text
            ?? facts.number
        storedNumber = facts.number
        addressee = facts.applicantName
        paragraphs = facts.paragraphs.map(q)
        items = facts.items.map(q)
        hasItems = !facts.items.isEmpty
        supplementDue = facts.supplementDue.map(date)
        reason = facts.reason.map(q)
        basis = facts.legalBasis.isEmpty ? nil : q(facts.legalBasis.joined(separator: "；"))
        remedies = facts.remedies.isEmpty ? nil : q(facts.remedies.joined())
        var rows: [Row] = [
            .init(label: "申请事项", value: "\(facts.business)（办事指南第\(facts.guideVersion)版）", strong: false),
            .init(label: "申请人", value: facts.applicantName, strong: false),
            .init(label: "证件号码", value: facts.applicantIdentifier, strong: false),
        ]
        if let agent = facts.agentName {
            rows.append(.init(label: "经办人", value: [agent, facts.agentIdentifier].compactMap { $0 }.joined(separator: "　"), strong: false))
        }
        rows.append(.init(label: "联系电话", value: facts.phoneMasked, strong: false))
        rows += facts.fields.map { .init(label: $0.label, value: q($0.value), strong: false) }
        rows.append(.init(label: "收件日期", value: date(facts.receivedOn), strong: false))
        if let accepted = facts.acceptedOn {
            rows.append(.init(label: "受理日期", value: date(accepted) + (facts.deemed ? "（视为受理）" : ""), strong: false))
        }
        if let due = facts.promisedDue { rows.append(.init(label: "承诺办结日期", value: date(due), strong: true)) }
        if let due = facts.statutoryDue { rows.append(.init(label: "法定期限届满", value: date(due), strong: false)) }
        self.rows = rows
        officerName = facts.officerName
        officerBadge = facts.officerBadge
        self.date = date(facts.issuedOn)
        queryCode = facts.queryCode
        statusURL = "\(publicBase)/status?code=\(facts.queryCode)"
        qrSVG = (try? QRCode(statusURL, level: .medium).svg(title: "办理进度查询")) ?? ""
        phones = facts.supervisionPhones.joined(separator: " · ")
    }
}
