import ChuangkouCore
import ChuangkouStore
import Foundation

/// The one-time notice (一次性告知单) an inquiry was closed with: every material of the business as its guide version
/// lists it, printed on A4 with the version and its date, the officer and 警号, and both supervision phones, so the
/// citizen comes back once with everything (RULES §1, §7).
struct InquiryNoticePage: Sendable {
    struct Material: Sendable {
        let number: Int
        let name: String
        let amount: String
        let notes: String?
    }

    let frame: PageFrame
    let hallName: String
    let business: String
    let question: String
    let materials: [Material]
    let conditions: [String]
    let hasConditions: Bool
    let basis: String
    let place: String
    let officeHours: String
    let consultationPhone: String
    let guideLine: String
    let officer: String
    let date: String
    let supervisionPhone: String
    let nationalSupervisionPhone: String

    init(frame: PageFrame, record: InquiryRepository.Record, version: GuideVersion, officer: Officer?, hall: Hall) {
        self.frame = frame
        let guide = version.guide
        hallName = hall.name
        business = guide.name
        question = record.inquiry.question
        materials = guide.materials.enumerated().map { index, material in
            var amount: [String] = []
            if material.originals > 0 { amount.append("原件\(material.originals)份") }
            if material.copies > 0 { amount.append("复印件\(material.copies)份") }
            let form = switch material.form {
            case .paper: "纸质"
            case .electronic: "电子"
            case .either: "纸质或电子"
            }
            amount.append(form)
            let notes = [material.notes, material.issuer.map { "出具：\($0)" }].compactMap { $0 }.joined(separator: "；")
            return Material(number: index + 1, name: material.name, amount: amount.joined(separator: "，"), notes: notes.isEmpty ? nil : notes)
        }
        conditions = guide.conditions
        hasConditions = !guide.conditions.isEmpty
        basis = guide.legalBasis.map { "《\($0.law)》\($0.article)" }.joined(separator: "；")
        place = "\(guide.location.windowGroup) \(guide.location.floor)"
        officeHours = guide.officeHours
        consultationPhone = guide.consultationPhone
        let published = LocalDate(version.publishedAt, in: hall.timeZone)
        guideLine = "依据《\(guide.name)办事指南》第\(version.version)版（\(published.chineseDate)发布）"
        self.officer = officer.map { "\($0.name)（警号\($0.badge)）" } ?? (record.inquiry.closedBy ?? record.inquiry.owner).value
        date = LocalDate(record.inquiry.closedAt ?? record.inquiry.recordedAt, in: hall.timeZone).chineseDate
        supervisionPhone = hall.supervisionPhone
        nationalSupervisionPhone = Hall.nationalSupervisionPhone
    }
}
