import ChuangkouCore
import Foundation
import Testing

@Suite("Materials checklist and intake outcome")
struct ChecklistTests {
    let toxic = CaseFixture.toxicPermit
    let seal = CaseFixture.sealFiling
    let residence = CaseFixture.residencePermit

    @Test("built from the guide: one unchecked entry per material, in order")
    func built() {
        let checklist = Checklist(guide: toxic)
        #expect(checklist.business == toxic.code && checklist.entries.count == 6)
        #expect(checklist.entries.map(\.index) == Array(0..<6) && checklist.unchecked.count == 6)
        #expect(checklist.entries.map(\.material) == toxic.materials && !checklist.isComplete)
        #expect(checklist.index(of: "经办人身份证明") == 3 && checklist.index(of: "户口簿") == nil)
    }

    @Test("marks are checked: material exists, counts, a described defect, deferral only where the guide allows it")
    func marks() throws {
        var checklist = Checklist(guide: residence)
        #expect(throws: IntakeError.unknownMaterial(index: 4)) { try checklist.mark(4, .missing) }
        #expect(throws: IntakeError.unknownMaterial(index: -1)) { try checklist.mark(-1, .missing) }
        #expect(throws: IntakeError.negativeCount) { try checklist.mark(0, .provided(originals: -1, copies: 1)) }
        #expect(throws: IntakeError.blankDefect) { try checklist.mark(0, .defective(reason: "  ")) }
        #expect(throws: IntakeError.notDeferrable(material: "居民身份证")) { try checklist.mark(0, .deferred) }
        try checklist.mark(2, .deferred)
        try checklist.mark(1, .defective(reason: " 租赁合同未备案 "))
        #expect(checklist.entries[1].state == .defective(reason: "租赁合同未备案"))
        #expect(throws: IntakeError.notDeferrable(material: "营业执照")) {
            var c = Checklist(guide: seal)
            try c.mark(0, .deferred)
        }
    }

    @Test("queries: complete, missing or defective (short counts included), deferred, essential missing")
    func queries() throws {
        var checklist = Checklist(guide: residence)
        try checklist.mark(0, .provided(originals: 1, copies: 0))  // one copy short
        try checklist.mark(1, .missing)
        try checklist.mark(2, .deferred)
        try checklist.mark(3, .defective(reason: "证明已过期"))
        #expect(!checklist.isComplete && checklist.unchecked.isEmpty)
        #expect(checklist.missingOrDefective.map(\.index) == [0, 1, 3])
        #expect(checklist.entries[0].problem == .short(originals: 0, copies: 1))
        #expect(checklist.deferred.map(\.index) == [2])
        #expect(checklist.essentialMissing.map(\.index) == [0, 1])
        try checklist.mark(0, .provided(originals: 2, copies: 3))  // more than asked is fine
        #expect(checklist.entries[0].isSatisfied && checklist.entries[0].problem == nil)
        #expect(CaseFixture.complete(residence).isComplete)
    }

    @Test("即办件 complete → finished on the spot")
    func completeImmediate() throws {
        let outcome = try CaseFixture.complete(seal).outcome(
            guide: seal,
            applicant: CaseFixture.organisation(),
            commitmentSigned: false
        )
        #expect(outcome == .completeImmediate)
    }

    @Test("承诺件 complete → accepted")
    func accept() throws {
        let outcome = try CaseFixture.complete(toxic).outcome(
            guide: toxic,
            applicant: CaseFixture.organisation(),
            commitmentSigned: false
        )
        #expect(outcome == .accept)
        #expect(try CaseFixture.complete(residence).outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: true) == .accept)
    }

    @Test("eligible but incomplete → one notice listing every missing, defective and short item, in guide order")
    func oneTimeNotice() throws {
        var checklist = CaseFixture.complete(toxic)
        try checklist.mark(4, .missing)
        try checklist.mark(0, .provided(originals: 1, copies: 0))
        try checklist.mark(2, .defective(reason: "未加盖单位公章"))
        let outcome = try checklist.outcome(guide: toxic, applicant: CaseFixture.organisation(), commitmentSigned: true)
        let items = [
            NoticeItem(index: 0, material: toxic.materials[0], problem: .short(originals: 0, copies: 1)),
            NoticeItem(index: 2, material: toxic.materials[2], problem: .defective(reason: "未加盖单位公章")),
            NoticeItem(index: 4, material: toxic.materials[4], problem: .missing),
        ]
        #expect(outcome == .oneTimeNotice(items))
        #expect(
            items[0].chinese == "营业执照或者法人证书（登记证书）：份数不足，尚缺复印件1份。须提交原件1份、"
                + "复印件1份（纸质）。"
        )
        #expect(items[2].english == "单位介绍信或者授权委托书: not handed in. Required: 1 original (paper).")
        #expect(items[1].chinese.contains("存在问题：未加盖单位公章"))
    }

    @Test("only deferrable items outstanding and the commitment signed → 容缺受理 naming them")
    func acceptWithDeferral() throws {
        var checklist = CaseFixture.complete(residence)
        try checklist.mark(2, .deferred)
        try checklist.mark(3, .deferred)
        let outcome = try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: true)
        let items = [2, 3].map { NoticeItem(index: $0, material: residence.materials[$0], problem: .missing) }
        #expect(outcome == .acceptWithDeferral(items))
        #expect(items[0].deferrable && items[0].chinese.hasSuffix("本项可容缺后补。"))
        // Deferral under an immediate item too.
        var sealChecklist = CaseFixture.complete(seal)
        try sealChecklist.mark(3, .deferred)
        let sealOutcome = try sealChecklist.outcome(guide: seal, applicant: CaseFixture.organisation(), commitmentSigned: true)
        #expect(sealOutcome == .acceptWithDeferral([NoticeItem(index: 3, material: seal.materials[3], problem: .missing)]))
    }

    @Test("without the signed commitment, or with anything else missing, deferred items go on the one notice as well")
    func deferralFallsBackToNotice() throws {
        var checklist = CaseFixture.complete(residence)
        try checklist.mark(2, .deferred)
        let unsigned = try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: false)
        #expect(unsigned == .oneTimeNotice([NoticeItem(index: 2, material: residence.materials[2], problem: .missing)]))
        try checklist.mark(1, .missing)
        let alsoMissing = try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: true)
        #expect(
            alsoMissing
                == .oneTimeNotice(
                    [1, 2].map {
                        NoticeItem(index: $0, material: residence.materials[$0], problem: .missing)
                    }
                )
        )
    }

    @Test("an applicant the guide does not admit → refused with the reason, whatever the materials")
    func refuse() throws {
        let outcome = try Checklist(guide: toxic).outcome(guide: toxic, applicant: CaseFixture.person, commitmentSigned: false)
        #expect(outcome == .refuse(reason: CaseFixture.toxicRestriction))
        let complete = try CaseFixture.complete(residence).outcome(
            guide: residence,
            applicant: CaseFixture.organisation(),
            commitmentSigned: false
        )
        guard case .refuse(let reason) = complete else {
            Issue.record("expected a refusal")
            return
        }
        #expect(reason.contains("不受理单位申请"))
    }

    @Test("no decision before every material is checked: the notice must list everything at once")
    func unchecked() throws {
        var checklist = Checklist(guide: residence)
        try checklist.mark(0, .missing)
        try checklist.mark(2, .provided(originals: 1, copies: 0))
        #expect(throws: IntakeError.materialsUnchecked(["居住证明", "就业或者就读证明"])) {
            try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: false)
        }
    }

    @Test("an organisation is not accepted while its agent's authorisation is unseen; a notice can still be given")
    func authorisation() throws {
        let unseen = CaseFixture.organisation(authorisationSeen: false)
        #expect(throws: IntakeError.authorisationNotSeen) {
            try CaseFixture.complete(toxic).outcome(guide: toxic, applicant: unseen, commitmentSigned: false)
        }
        var checklist = CaseFixture.complete(toxic)
        try checklist.mark(4, .missing)
        let outcome = try checklist.outcome(guide: toxic, applicant: unseen, commitmentSigned: false)
        #expect(outcome == .oneTimeNotice([NoticeItem(index: 4, material: toxic.materials[4], problem: .missing)]))
    }

    @Test("blank names and a checklist from another guide version are refused")
    func inputErrors() throws {
        let blank = Applicant.person(name: "", idNumber: CaseFixture.idNumber, phone: CaseFixture.phone)
        #expect(throws: IntakeError.blankName(.applicant)) {
            try CaseFixture.complete(residence).outcome(guide: residence, applicant: blank, commitmentSigned: false)
        }
        var edited = residence
        edited.materials[1].copies = 2
        #expect(throws: IntakeError.checklistFromAnotherGuide) {
            try CaseFixture.complete(residence).outcome(guide: edited, applicant: CaseFixture.person, commitmentSigned: false)
        }
        #expect(throws: IntakeError.checklistFromAnotherGuide) {
            try CaseFixture.complete(residence).outcome(guide: toxic, applicant: CaseFixture.organisation(), commitmentSigned: false)
        }
    }

    @Test("not applicable: only for materials that are not main materials, with a reason; satisfied and never on a notice")
    func notApplicable() throws {
        var checklist = CaseFixture.complete(residence)
        #expect(throws: IntakeError.essentialAlwaysApplies(material: "居民身份证")) { try checklist.mark(0, .notApplicable(reason: "无")) }
        #expect(throws: IntakeError.blankNotApplicableReason(material: "就业或者就读证明")) {
            try checklist.mark(3, .notApplicable(reason: " \n "))
        }
        #expect(checklist.entries[0].state == .provided(originals: 1, copies: 1) && checklist.entries[3].isSatisfied)
        try checklist.mark(3, .notApplicable(reason: " 申请人无业，非就读 "))
        #expect(checklist.entries[3].state == .notApplicable(reason: "申请人无业，非就读"))
        #expect(checklist.entries[3].isSatisfied && checklist.entries[3].problem == nil && checklist.entries[3].noticeItem == nil)
        #expect(checklist.isComplete && checklist.notApplicable.map(\.index) == [3] && checklist.missingOrDefective.isEmpty)
        #expect(try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: false) == .accept)
        // With something else missing, the notice lists it and leaves the not-applicable material off.
        try checklist.mark(1, .missing)
        try checklist.mark(2, .deferred)
        let outcome = try checklist.outcome(guide: residence, applicant: CaseFixture.person, commitmentSigned: false)
        #expect(outcome == .oneTimeNotice([1, 2].map { NoticeItem(index: $0, material: residence.materials[$0], problem: .missing) }))
        // The toxic permit's agent ID is a main material there (an organisation always applies through an agent).
        var toxicChecklist = CaseFixture.complete(toxic)
        #expect(throws: IntakeError.essentialAlwaysApplies(material: "经办人身份证明")) {
            try toxicChecklist.mark(3, .notApplicable(reason: "法定代表人本人办理"))
        }
    }

    @Test("a not-applicable mark is stored and read back; one on a main material fails to decode; older rows still decode")
    func notApplicableCodable() throws {
        var checklist = CaseFixture.complete(residence)
        try checklist.mark(3, .notApplicable(reason: "非就业或就读人员"))
        let data = try JSONEncoder().encode(checklist)
        #expect(try JSONDecoder().decode(Checklist.self, from: data) == checklist)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var entries = try #require(json["entries"] as? [[String: Any]])
        #expect((entries[3]["state"] as? [String: Any])?["notApplicable"] != nil)
        entries[0]["state"] = ["notApplicable": ["reason": "无"]]
        json["entries"] = entries
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Checklist.self, from: JSONSerialization.data(withJSONObject: json)) }
        entries[0]["state"] = ["provided": ["originals": 1, "copies": 1]]
        entries[3]["state"] = ["notApplicable": ["reason": "  "]]
        json["entries"] = entries
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Checklist.self, from: JSONSerialization.data(withJSONObject: json)) }
        // A row written before the state existed.
        let old = try JSONEncoder().encode(CaseFixture.complete(residence))
        #expect(try JSONDecoder().decode(Checklist.self, from: old) == CaseFixture.complete(residence))
    }

    @Test("stored and read back; a corrupt row (a deferred main material) fails to decode")
    func codable() throws {
        var checklist = CaseFixture.complete(residence)
        try checklist.mark(2, .deferred)
        try checklist.mark(1, .defective(reason: "复印件不清晰"))
        let data = try JSONEncoder().encode(checklist)
        #expect(try JSONDecoder().decode(Checklist.self, from: data) == checklist)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var entries = try #require(json["entries"] as? [[String: Any]])
        entries[0]["state"] = ["deferred": [String: Any]()]
        json["entries"] = entries
        let corrupt = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Checklist.self, from: corrupt) }
        let outcomes: [Checklist.Outcome] = [.accept, .refuse(reason: "x"), .oneTimeNotice(checklist.entries.compactMap(\.noticeItem))]
        #expect(try JSONDecoder().decode([Checklist.Outcome].self, from: JSONEncoder().encode(outcomes)) == outcomes)
    }
}
