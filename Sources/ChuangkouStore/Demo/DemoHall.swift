import ChuangkouCore
import Foundation
import SQLKit

/// The demo hall that `chuangkou serve` sets up on an empty database: a hall, the ten businesses of the shipped catalog,
/// six windows and twelve accounts (six window officers, a duty leader, a desk officer, a supervisor, the three separated
/// administrators), so the whole queue can be tried at once.
public enum DemoHall {
    public static let hall = Hall(
        name: "东湖市公安局政务服务大厅",
        address: "东湖市人民路100号 一楼",
        supervisionPhone: "0551-66668888",
        timeZone: TimeZone(identifier: "Asia/Shanghai")!,
        officeHours: "周一至周五 9:00—12:00，13:30—17:30（法定节假日除外）"
    )

    /// Which businesses each window serves: 1–2 household registration, 3 household and seals, 4 passports and
    /// driving licences, 5 the enterprise (public order) items, 6 everything. The businesses themselves are the
    /// shipped catalog (`CatalogFile.shipped()`).
    public static let windowBusinesses: [[String]] = [
        ["id-card", "residence-permit", "temporary-id-card", "no-criminal-record"],
        ["id-card", "residence-permit", "temporary-id-card", "no-criminal-record"],
        ["id-card", "residence-permit", "seal-filing", "seal-trade-filing"],
        ["passport", "driving-licence"],
        ["seal-filing", "seal-trade-filing", "toxic-chemical-permit", "toxic-chemical-transport"],
        [
            "id-card", "residence-permit", "seal-filing", "toxic-chemical-permit", "toxic-chemical-transport",
            "seal-trade-filing", "temporary-id-card", "passport", "no-criminal-record", "driving-licence",
        ],
    ]

    public static let officers: [Officer] = [
        Officer(badge: Badge("010231")!, name: "王建国", roles: .only(.windowOfficer), post: "户政窗口民警", sex: .male),
        Officer(badge: Badge("010232")!, name: "李秀英", roles: .only(.windowOfficer), post: "户政窗口民警", sex: .female),
        Officer(badge: Badge("010233")!, name: "张伟", roles: .only(.windowOfficer), post: "户政窗口民警", sex: .male),
        Officer(badge: Badge("010234")!, name: "刘洋", roles: .only(.windowOfficer), post: "户政窗口民警", sex: .female),
        Officer(badge: Badge("010235")!, name: "陈静", roles: .only(.windowOfficer), post: "治安窗口民警", sex: .female),
        Officer(badge: Badge("010236")!, name: "杨帆", roles: .only(.windowOfficer), post: "综合窗口民警", sex: .male),
        Officer(badge: Badge("010100")!, name: "赵国强", roles: .only(.dutyLeader), post: "窗口值班领导", sex: .male),
        // The information desk (咨询台): first inquiries, handovers, the one-step ticket; no window of her own.
        Officer(badge: Badge("010250")!, name: "孙婷", roles: .only(.deskOfficer), post: "咨询台民警", sex: .female),
        Officer(badge: Badge("010300")!, name: "钱文", roles: .only(.supervisor), post: "督察", sex: .female),
        Officer(badge: Badge("019900")!, name: "孙立", roles: .only(.systemAdmin), post: "系统管理员", sex: .male),
        Officer(badge: Badge("019901")!, name: "周敏", roles: .only(.securityAdmin), post: "安全管理员", sex: .female),
        Officer(badge: Badge("019902")!, name: "吴刚", roles: .only(.auditAdmin), post: "审计管理员", sex: .male),
    ]

    /// The demo accounts that hold an administrator role: they sign in with a TOTP code (secret printed at start).
    public static var administrators: [Badge] { officers.filter { $0.roles.requiresSecondFactor }.map(\.badge) }

    /// Loads the demo hall if the database has no hall yet. Returns whether it did.
    ///
    /// - Parameter passwordHash: the bcrypt hash every demo account gets (the server hashes; the store stores).
    @discardableResult
    public static func loadIfEmpty(
        into database: Database,
        passwordHash: String,
        secondFactorSecret: String? = nil,
        at now: Date
    ) async throws -> Bool {
        let catalog = try CatalogFile.shipped()
        return try await database.transaction { db in
            // Inserting the hall row is the claim: a second process starting at the same moment waits on it and
            // then finds it taken, instead of both seeing an empty database and one failing on a duplicate key.
            guard try await HallRepository.insertIfAbsent(hall, in: db) else { return false }
            for guide in catalog {
                _ = try await GuideRepository.publish(guide, by: nil, note: "随系统发布的默认办事指南", at: now, in: db)
            }
            for officer in officers {
                try await OfficerRepository.insert(officer, passwordHash: passwordHash, in: db)
            }
            if let secondFactorSecret {
                for badge in administrators {
                    try await db.raw(
                        "UPDATE officers SET totp_secret = \(bind: secondFactorSecret), totp_confirmed = 1 WHERE badge = \(bind: badge.value)"
                    ).run()
                }
            }
            for (index, codes) in windowBusinesses.enumerated() {
                let window = Window(number: WindowNumber(index + 1)!, status: .closed, businesses: codes.map { BusinessCode($0)! }, officer: nil)
                try await WindowRepository.insert(window, at: now, in: db)
            }
            try await AuditTrail.record(AuditEntry("hall.demo-load", "hall:1"), at: now, in: db)
            return true
        }
    }
}
