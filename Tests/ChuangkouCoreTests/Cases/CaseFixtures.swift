import ChuangkouCore
import Foundation

/// Guides, people and a calendar for the case-intake tests, built by hand (Core tests cannot read the Store's catalog).
enum CaseFixture {
    static let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    static let today = LocalDate("2026-05-28")!
    static let officer = Officer(badge: Badge("020101")!, name: "陈警官", role: .officer, post: "治安窗口民警")
    static let otherOfficer = Officer(badge: Badge("020102")!, name: "刘警官", role: .officer, post: "治安窗口民警")
    static let leader = Officer(badge: Badge("020001")!, name: "周队长", role: .dutyLeader, post: "窗口值班领导")
    static let admin = Officer(badge: Badge("020900")!, name: "吴管理员", role: .admin, post: "系统管理员")

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static let toxicRestriction =
        "依据《危险化学品安全管理条例》第三十八条第三款，个人不得购买剧毒化学品，"
        + "本事项只受理单位申请，不受理个人申请。"

    static func material(
        _ name: String,
        originals: Int = 1,
        copies: Int = 0,
        essential: Bool = true,
        deferrable: Bool = false
    ) -> Guide.Material {
        Guide.Material(
            name: name,
            originals: originals,
            copies: copies,
            form: .paper,
            notes: nil,
            essential: essential,
            deferrable: deferrable
        )
    }

    static func guide(
        _ code: String,
        name: String,
        nameEnglish: String,
        kind: ServiceKind,
        applicants: Applicants,
        restriction: String? = nil,
        materials: [Guide.Material]
    ) -> Guide {
        Guide(
            code: BusinessCode(code)!,
            name: name,
            nameEnglish: nameEnglish,
            category: "治安管理",
            categoryEnglish: "Public order",
            kind: kind,
            prefix: TicketPrefix("D")!,
            typicalServiceMinutes: 20,
            applicants: applicants,
            applicantRestriction: restriction,
            conditions: ["依法设立"],
            materials: materials,
            steps: [Guide.Step(name: "受理", actor: .window, description: "窗口受理")],
            legalBasis: [Guide.LegalBasis(law: "危险化学品安全管理条例", article: "第三十八条")],
            limits: Guide.TimeLimits(
                statutoryWorkingDays: kind == .immediate ? 0 : 3,
                promisedWorkingDays: kind == .immediate ? 0 : 2
            ),
            fee: Guide.Fee(amount: 0, basis: "不收费"),
            location: Guide.Location(windowGroup: "治安业务窗口", floor: "一楼"),
            officeHours: "周一至周五",
            consultationPhone: "0551-66668802",
            supervisionPhone: "0551-66668888"
        )
    }

    /// 剧毒化学品购买许可证: organisations only, promised, nothing deferrable.
    static let toxicPermit = guide(
        "toxic-chemical-permit",
        name: "剧毒化学品购买许可证核发",
        nameEnglish: "Purchase permit for highly toxic chemicals",
        kind: .promised,
        applicants: .organisation,
        restriction: toxicRestriction,
        materials: [
            material("营业执照或者法人证书（登记证书）", copies: 1),
            material("拟购买的剧毒化学品品种、数量的说明"),
            material("购买剧毒化学品用途的说明"),
            material("经办人身份证明", copies: 1),
            material("单位介绍信或者授权委托书", essential: false),
            material("剧毒化学品购买许可证申请表"),
        ]
    )

    /// 公章刻制备案: immediate, organisations, the seal impression sample may be supplied later.
    static let sealFiling = guide(
        "seal-filing",
        name: "公章刻制备案",
        nameEnglish: "Seal engraving filing",
        kind: .immediate,
        applicants: .organisation,
        materials: [
            material("营业执照", copies: 1),
            material("法定代表人身份证", copies: 1),
            material("经办人身份证及授权委托书", copies: 1),
            material("印模样本", essential: false, deferrable: true),
        ]
    )

    /// 居住证: persons only (no restriction text, so the reason is generated), promised, photo deferrable.
    static let residencePermit = guide(
        "residence-permit",
        name: "居住证申领",
        nameEnglish: "Residence permit",
        kind: .promised,
        applicants: .person,
        materials: [
            material("居民身份证", copies: 1),
            material("居住证明", copies: 1),
            material("本人相片", essential: false, deferrable: true),
            material("就业或者就读证明", essential: false, deferrable: true),
        ]
    )

    static let idNumber = ResidentIDNumber("11010519491231002X")!
    static let agentIDNumber = ResidentIDNumber("440524188001010014")!
    static let phone = MobileNumber("13812345678")!
    static let creditCode = CreditCode("91350100M000100Y43")!

    static let person = Applicant.person(name: "张三", idNumber: idNumber, phone: phone)

    static func organisation(authorisationSeen: Bool = true) -> Applicant {
        .organisation(
            name: "合肥某化工有限公司",
            creditCode: creditCode,
            legalRepresentative: "李四",
            agent: Applicant.Agent(
                name: "王五",
                idNumber: agentIDNumber,
                phone: MobileNumber("13912345678")!,
                authorisationSeen: authorisationSeen
            )
        )
    }

    /// A checklist of `guide` with every material provided in full.
    static func complete(_ guide: Guide) -> Checklist {
        var checklist = Checklist(guide: guide)
        for (index, material) in guide.materials.enumerated() {
            try! checklist.mark(index, .provided(originals: material.originals, copies: material.copies))
        }
        return checklist
    }
}

/// An independent GB 11643 and GB 32100 check computation, so the tests do not trust the code under test.
enum Reference {
    static func idCheck(_ first17: [Int]) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for i in 0..<17 { sum += first17[i] * weights[i] }
        return Array("10X98765432")[sum % 11]
    }

    /// An ID number for an area, a birth date and a sequence, with its check character.
    static func idNumber(area: Int, born: LocalDate, sequence: Int) -> String {
        let first17 = String(format: "%06d%04d%02d%02d%03d", area, born.year, born.month, born.day, sequence)
        return first17 + String(idCheck(first17.map { $0.wholeNumberValue! }))
    }

    static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    static func creditCheck(_ first17: [Int]) -> Character {
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for i in 0..<17 { sum += first17[i] * weights[i] }
        return creditAlphabet[(31 - sum % 31) % 31]
    }

    static func creditCode(_ first17: [Int]) -> String {
        String(first17.map { creditAlphabet[$0] }) + String(creditCheck(first17))
    }
}
