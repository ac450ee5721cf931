import ChuangkouCore
import Foundation
import Testing

@Suite("Applicants")
struct ApplicantTests {
    @Test("the toxic-chemicals purchase permit refuses a person with the guide's legal reason, admits an organisation")
    func toxicPermit() {
        #expect(CaseFixture.toxicPermit.refusal(for: CaseFixture.person) == CaseFixture.toxicRestriction)
        #expect(CaseFixture.toxicPermit.refusal(for: CaseFixture.organisation()) == nil)
    }

    @Test("without a restriction text the reason is generated in Chinese and English")
    func generatedReason() throws {
        let reason = try #require(CaseFixture.residencePermit.refusal(for: CaseFixture.organisation()))
        #expect(reason.contains("居住证申领") && reason.contains("不受理单位申请") && reason.contains("individuals only"))
        #expect(CaseFixture.residencePermit.refusal(for: CaseFixture.person) == nil)
        var personOnly = CaseFixture.sealFiling
        personOnly.applicantRestriction = "  "
        let toPerson = try #require(personOnly.refusal(for: .person))
        #expect(toPerson.contains("不受理个人申请") && toPerson.contains("organisations only"))
        personOnly.applicants = .both
        #expect(personOnly.refusal(for: .person) == nil && personOnly.refusal(for: .organisation) == nil)
    }

    @Test("kind, name, contact phone and the identifier as printed")
    func reading() {
        let person = CaseFixture.person
        #expect(person.kind == .person && person.name == "张三" && person.phone == CaseFixture.phone)
        #expect(person.printedIdentifier == "110***********002X")
        let organisation = CaseFixture.organisation()
        #expect(organisation.kind == .organisation && organisation.phone.value == "13912345678")
        #expect(organisation.printedIdentifier == "91350100M000100Y43")
    }

    @Test(
        "blank names are refused",
        arguments: [
            (Applicant.person(name: " ", idNumber: CaseFixture.idNumber, phone: CaseFixture.phone), IntakeError.blankName(.applicant)),
            (
                .organisation(
                    name: "",
                    creditCode: CaseFixture.creditCode,
                    legalRepresentative: "李四",
                    agent: .init(name: "王五", idNumber: CaseFixture.agentIDNumber, phone: CaseFixture.phone, authorisationSeen: true)
                ),
                .blankName(.applicant)
            ),
            (
                .organisation(
                    name: "某公司",
                    creditCode: CaseFixture.creditCode,
                    legalRepresentative: "\n",
                    agent: .init(name: "王五", idNumber: CaseFixture.agentIDNumber, phone: CaseFixture.phone, authorisationSeen: true)
                ),
                .blankName(.legalRepresentative)
            ),
            (
                .organisation(
                    name: "某公司",
                    creditCode: CaseFixture.creditCode,
                    legalRepresentative: "李四",
                    agent: .init(name: "", idNumber: CaseFixture.agentIDNumber, phone: CaseFixture.phone, authorisationSeen: true)
                ),
                .blankName(.agent)
            ),
        ]
    )
    func blankNames(applicant: Applicant, error: IntakeError) {
        #expect(throws: error) { try applicant.check() }
    }

    @Test("an applicant is stored with full identifiers and read back")
    func codable() throws {
        let applicants = [CaseFixture.person, CaseFixture.organisation(authorisationSeen: false)]
        let data = try JSONEncoder().encode(applicants)
        #expect(try JSONDecoder().decode([Applicant].self, from: data) == applicants)
        #expect(String(decoding: data, as: UTF8.self).contains("11010519491231002X"))
    }
}
