import ChuangkouCore
import Testing

/// Every free-text entry point of a case keeps an ID number or a phone typed into it masked (RULES §11).
@Suite("Case free text is masked on input")
struct FreeTextTests {
    static let typed = " 申请人 11010519491231002X 电话 +86 13812345678 "
    static let masked = "申请人 110***********002X 电话 +86 138****5678"

    enum Entry: String, CaseIterable, Sendable {
        case opinion, defect, notApplicable, businessTextField, businessNumberFieldKept
    }

    @Test("the text as kept", arguments: Entry.allCases)
    func kept(_ entry: Entry) throws {
        switch entry {
        case .opinion:
            #expect(try CaseFile.checkOpinion(Self.typed) == Self.masked)
        case .defect:
            var checklist = Checklist(guide: CaseFixture.toxicPermit)
            try checklist.mark(0, .defective(reason: Self.typed))
            #expect(checklist.entries[0].state == .defective(reason: Self.masked))
        case .notApplicable:
            var checklist = Checklist(guide: CaseFixture.toxicPermit)
            try checklist.mark(4, .notApplicable(reason: Self.typed))
            #expect(checklist.entries[4].state == .notApplicable(reason: Self.masked))
        case .businessTextField, .businessNumberFieldKept:
            var guide = CaseFixture.toxicPermit
            guide.fields = [
                .init(key: "purpose", label: "用途", kind: .text, required: true), .init(key: "quantity", label: "数量", kind: .number, required: true),
            ]
            let checked = try guide.checkedFields(["purpose": Self.typed, "quantity": "13812345678"])
            if entry == .businessTextField {
                #expect(checked["purpose"] == Self.masked)
            } else {
                #expect(checked["quantity"] == "13812345678", "a number field is a quantity, not free text")
            }
        }
    }
}
