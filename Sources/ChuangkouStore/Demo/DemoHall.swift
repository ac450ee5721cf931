import ChuangkouCore
import Foundation
import SQLKit

/// The demo hall that `chuangkou serve` sets up on an empty database: a hall, four businesses,
/// six windows and eight accounts, so the whole queue can be tried at once.
public enum DemoHall {
    public static let hall = Hall(
        name: "东湖市公安局政务服务大厅",
        address: "东湖市人民路100号 一楼",
        supervisionPhone: "0551-66668888",
        timeZone: TimeZone(identifier: "Asia/Shanghai")!
    )

    public static let businesses: [Business] = [
        Business(code: BusinessCode("id-card")!, name: "居民身份证申领、换领、补领", nameEnglish: "Resident ID card", prefix: TicketPrefix("A")!, typicalServiceMinutes: 6),
        Business(code: BusinessCode("residence-permit")!, name: "居住证办理", nameEnglish: "Residence permit", prefix: TicketPrefix("B")!, typicalServiceMinutes: 8),
        Business(code: BusinessCode("seal-filing")!, name: "公章刻制备案", nameEnglish: "Seal-engraving filing", prefix: TicketPrefix("C")!, typicalServiceMinutes: 10),
        Business(code: BusinessCode("toxic-chemical-permit")!, name: "剧毒化学品购买许可证", nameEnglish: "Highly toxic chemicals purchase permit", prefix: TicketPrefix("D")!, typicalServiceMinutes: 20),
    ]

    /// Which businesses each window serves: 1–4 household matters, 5 the enterprise matters, 6 everything.
    public static let windowBusinesses: [[String]] = [
        ["id-card", "residence-permit"],
        ["id-card", "residence-permit"],
        ["id-card", "residence-permit", "seal-filing"],
        ["id-card", "residence-permit", "seal-filing"],
        ["seal-filing", "toxic-chemical-permit"],
        ["id-card", "residence-permit", "seal-filing", "toxic-chemical-permit"],
    ]

    public static let officers: [Officer] = [
        Officer(badge: Badge("010231")!, name: "王建国", role: .officer, post: "户政窗口民警"),
        Officer(badge: Badge("010232")!, name: "李秀英", role: .officer, post: "户政窗口民警"),
        Officer(badge: Badge("010233")!, name: "张伟", role: .officer, post: "户政窗口民警"),
        Officer(badge: Badge("010234")!, name: "刘洋", role: .officer, post: "户政窗口民警"),
        Officer(badge: Badge("010235")!, name: "陈静", role: .officer, post: "治安窗口民警"),
        Officer(badge: Badge("010236")!, name: "杨帆", role: .officer, post: "综合窗口民警"),
        Officer(badge: Badge("010100")!, name: "赵国强", role: .dutyLeader, post: "窗口值班领导"),
        Officer(badge: Badge("019900")!, name: "孙立", role: .admin, post: "系统管理员"),
    ]

    /// Loads the demo hall if the database has no hall yet. Returns whether it did.
    ///
    /// - Parameter passwordHash: the bcrypt hash every demo account gets (the server hashes; the store stores).
    @discardableResult
    public static func loadIfEmpty(into database: Database, passwordHash: String, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            // Inserting the hall row is the claim: a second process starting at the same moment waits on it and
            // then finds it taken, instead of both seeing an empty database and one failing on a duplicate key.
            guard try await HallRepository.insertIfAbsent(hall, in: db) else { return false }
            for (index, business) in businesses.enumerated() {
                try await BusinessRepository.insert(business, sortOrder: index, in: db)
            }
            for officer in officers {
                try await OfficerRepository.insert(officer, passwordHash: passwordHash, in: db)
            }
            for (index, codes) in windowBusinesses.enumerated() {
                let window = Window(number: index + 1, status: .closed, businesses: codes.map { BusinessCode($0)! }, officer: nil)
                try await WindowRepository.insert(window, at: now, in: db)
            }
            return true
        }
    }
}
