import ChuangkouCore
import Configuration

extension AppSettings {
    /// `chuangkou.complaints.acknowledge-days` (15), `answer-days` (60), `extension-max-days` (30), `review-days` (30)
    /// and `warning-days` (3): calendar days, defaults from 信访工作条例; each bounded so no setting makes a limit
    /// absurd (a year at most).
    static func complaintPolicy(_ reader: ConfigReader) -> Complaint.Policy {
        func bounded(_ value: Int, _ range: ClosedRange<Int>) -> Int { min(range.upperBound, max(range.lowerBound, value)) }
        return Complaint.Policy(
            acknowledgeDays: bounded(reader.int(forKey: "chuangkou.complaints.acknowledge-days", default: 15), 1...365),
            answerDays: bounded(reader.int(forKey: "chuangkou.complaints.answer-days", default: 60), 1...365),
            maxExtensionDays: bounded(reader.int(forKey: "chuangkou.complaints.extension-max-days", default: 30), 1...365),
            reviewDays: bounded(reader.int(forKey: "chuangkou.complaints.review-days", default: 30), 1...365),
            warningDays: bounded(reader.int(forKey: "chuangkou.complaints.warning-days", default: 3), 0...60)
        )
    }

    /// `chuangkou.complaints.per-minute-per-address` (5, 1–600): a family filing from one phone, or a few citizens
    /// behind the hall's Wi-Fi, stay under it; a script flooding the supervisors' desk does not.
    static func complaintsPerMinutePerAddress(_ reader: ConfigReader) -> Int {
        min(600, max(1, reader.int(forKey: "chuangkou.complaints.per-minute-per-address", default: 5)))
    }
}
