import Foundation

/// What the case says outside its documents: the applicant's text message, the officer's warning, the window's
/// opinion on the 受理 step. Chinese: they go to phones and into the approval record.
enum CaseMessages {
    /// The window's 受理 step, done at acceptance.
    static func acceptanceOpinion(deemed: Bool) -> String {
        deemed ? "依法视为受理（未在法定期限内一次性告知）" : "材料齐全，符合法定形式，予以受理"
    }

    /// The values of the text message telling the applicant the result is ready, with the registered delivery
    /// (`MessageKind.caseResultReady`; `@en` values for the English template).
    static func resultReady(_ file: CaseFile, guide: Guide, hall: Hall) -> [String: String] {
        let granted = file.decision?.granted == true
        return [
            "hall": hall.name,
            "business": guide.name,
            "outcome": granted ? "准予许可" : "不予许可",
            "outcome@en": granted ? "granted" : "refused",
            "delivery": file.delivery.map { "，领取方式：\($0.label)" } ?? "",
            "delivery@en": file.delivery.map { "; delivery: \($0.method.rawValue)" } ?? "",
            "queryCode": file.queryCode,
        ]
    }

    /// The warning to the officer the working day before a case would be deemed accepted (第三十二条).
    static func noticeDeadline(_ file: CaseFile, deadline: LocalDate) -> String {
        "查询码\(file.queryCode)：\(deadline)前须作出受理决定或一次性告知，否则依法视为受理"
    }
}
