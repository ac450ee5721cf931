import ChuangkouCore
import Foundation

/// A hall, a promised business with approval steps and business fields, and case files in each stage, built through
/// the events themselves (no database): the case-file tests start from these.
enum FileFixture {
    static let hall = Hall(
        name: "东湖区公安分局政务服务窗口",
        address: "东湖路1号",
        supervisionPhone: "0551-66668888",
        timeZone: TimeZone(identifier: "Asia/Shanghai")!
    )
    static let officer = CaseFixture.officer
    static let leader = CaseFixture.leader
    /// Another officer: the review step (审核) is never the accepting officer's (four eyes).
    static let reviewer = CaseFixture.otherOfficer
    /// A third officer of the hall, who neither holds the case nor took one of its steps.
    static let bystander = Officer(badge: Badge("020103")!, name: "赵警官", role: .officer, post: "户政窗口民警")
    static let otherLeader = Officer(badge: Badge("020002")!, name: "孙队长", role: .dutyLeader, post: "窗口值班领导")
    static let admin = CaseFixture.admin
    static let clockID = DeadlineClockID(UUID(uuidString: "00000000-0000-0000-0000-00000000c10c")!)
    static let caseID = CaseID(UUID(uuidString: "00000000-0000-0000-0000-0000000ca5e1")!)

    /// Ten in the morning in the hall's zone on `day`.
    static func at(_ day: String, hour: Int = 10) -> Today {
        let now = OfficeHours(closingHour: hour)!.closing(on: LocalDate(day)!, in: hall.timeZone)
        return Today(hall: hall, calendar: CaseFixture.calendar, now: now)
    }

    /// Tue 2026-03-03: the case is opened and intake decided on this day unless a test says otherwise.
    static let received = at("2026-03-03")

    /// 剧毒化学品道路运输通行证-like: promised (10 of 20 working days), for anyone, four steps (受理, 审核, 审批 by the
    /// duty leader, 制证), two main materials, one secondary and one that may follow (容缺), three business fields.
    static let permit = Guide(
        code: BusinessCode("transport-permit")!,
        name: "剧毒化学品道路运输通行证",
        nameEnglish: "Road transport pass for highly toxic chemicals",
        category: "治安管理",
        categoryEnglish: "Public order",
        kind: .promised,
        prefix: TicketPrefix("T")!,
        typicalServiceMinutes: 20,
        applicants: .both,
        conditions: ["依法设立"],
        materials: [
            CaseFixture.material("申请表"),
            CaseFixture.material("运输车辆行驶证", copies: 1),
            CaseFixture.material("押运人员证明", essential: false),
            CaseFixture.material("运输路线图", essential: false, deferrable: true),
        ],
        steps: [
            Guide.Step(name: "受理", actor: .window, description: "窗口受理"),
            Guide.Step(name: "审核", actor: .reviewer, description: "审核"),
            Guide.Step(name: "审批", actor: .leader, description: "值班领导审批"),
            Guide.Step(name: "制证", actor: .production, description: "制证"),
        ],
        legalBasis: [Guide.LegalBasis(law: "危险化学品安全管理条例", article: "第五十条")],
        limits: Guide.TimeLimits(statutoryWorkingDays: 20, promisedWorkingDays: 10),
        fee: Guide.Fee(amount: 0, basis: "不收费"),
        location: Guide.Location(windowGroup: "治安业务窗口", floor: "一楼"),
        officeHours: "周一至周五",
        consultationPhone: "0551-66668802",
        supervisionPhone: "0551-66668888",
        fields: [
            Guide.IntakeField(key: "quantity", label: "运输数量", kind: .number, required: true),
            Guide.IntakeField(key: "purpose", label: "用途", kind: .text, required: true),
            Guide.IntakeField(key: "departure", label: "起运日期", kind: .date, required: false),
        ]
    )
    static let permitFields = ["quantity": " 50 ", "purpose": "电镀"]

    static func version(_ guide: Guide) -> GuideVersion {
        GuideVersion(version: 3, guide: guide, publishedAt: Date(timeIntervalSince1970: 0), publishedBy: nil, note: "")
    }

    /// Every material of `guide` provided in full, except those in `except`.
    static func complete(_ guide: Guide, except: [Int: Checklist.State] = [:]) -> [(Int, Checklist.State)] {
        guide.materials.enumerated().map { index, material in
            (index, except[index] ?? .provided(originals: material.originals, copies: material.copies))
        }
    }

    /// Just opened at the window as a walk-in, every material unchecked.
    static func opened(_ guide: Guide = permit, applicant: Applicant = CaseFixture.person, fields: [String: String]? = nil) -> CaseFile {
        try! CaseFile.open(
            id: caseID,
            queryCode: "ABCDEFGHJKMN",
            guide: version(guide),
            ticket: nil,
            applicant: applicant,
            fields: fields ?? (guide == permit ? permitFields : [:]),
            by: officer,
            received
        ).0
    }

    /// Opened and checked with `marks`.
    static func checked(_ marks: [(Int, Checklist.State)], guide: Guide = permit, applicant: Applicant = CaseFixture.person) -> CaseFile {
        var file = opened(guide, applicant: applicant)
        _ = try! file.check(marks, by: officer)
        return file
    }

    /// Intake decided on `today` from `marks`.
    static func decided(
        _ guide: Guide = permit,
        _ marks: [(Int, Checklist.State)]? = nil,
        commitmentSigned: Bool = false,
        supplementDue: LocalDate? = nil,
        applicant: Applicant = CaseFixture.person,
        _ today: Today = received
    ) -> CaseFile {
        var file = checked(marks ?? complete(guide), guide: guide, applicant: applicant)
        _ = try! file.decideIntake(
            commitmentSigned: commitmentSigned,
            supplementDue: supplementDue,
            refusal: nil,
            guide: guide,
            by: officer,
            newClock: clockID,
            today
        )
        return file
    }

    /// Accepted with every material: the clock running, the 受理 step done.
    static var accepted: CaseFile { decided() }

    /// A one-time notice asks for material 1 (missing) and material 2 (defective).
    static var awaitingSupplement: CaseFile {
        decided(permit, complete(permit, except: [1: .missing, 2: .defective(reason: "未签字")]))
    }

    /// Accepted with the route map (material 3) to follow by the promised due date.
    static var acceptedWithDeferral: CaseFile {
        decided(permit, complete(permit, except: [3: .deferred]), commitmentSigned: true)
    }

    /// Accepted, then 审核 and 审批 taken; `approve` is the leader's opinion.
    static func approved(_ approve: Bool = true, from file: CaseFile = accepted) -> CaseFile {
        var file = file
        _ = try! file.recordStep(2, opinion: "符合条件", approve: true, by: reviewer, received)
        _ = try! file.recordStep(3, opinion: approve ? "同意" : "不同意", approve: approve, by: leader, received)
        return file
    }
}
