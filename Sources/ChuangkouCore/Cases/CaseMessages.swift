import Foundation

/// What the case says outside its documents: the applicant's text message, the officer's warning, the window's
/// opinion on the 受理 step. Chinese: they go to phones and into the approval record.
enum CaseMessages {
    /// The window's 受理 step, done at acceptance.
    static func acceptanceOpinion(deemed: Bool) -> String {
        deemed ? "依法视为受理（未在法定期限内一次性告知）" : "材料齐全，符合法定形式，予以受理"
    }

    /// The text message telling the applicant the result is ready, with the registered delivery.
    static func resultReady(_ file: CaseFile, guide: Guide, hall: Hall) -> String {
        let outcome = file.decision?.granted == true ? "准予许可" : "不予许可"
        let delivery = file.delivery.map { "，领取方式：\($0.label)" } ?? ""
        return "【\(hall.name)】您申请的\(guide.name)已办理完毕（\(outcome)）\(delivery)。查询码\(file.queryCode)。"
    }

    /// The warning to the officer the working day before a case would be deemed accepted (第三十二条).
    static func noticeDeadline(_ file: CaseFile, deadline: LocalDate) -> String {
        "查询码\(file.queryCode)：\(deadline)前须作出受理决定或一次性告知，否则依法视为受理"
    }
}
