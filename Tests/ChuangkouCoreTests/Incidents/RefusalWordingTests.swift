import ChuangkouCore
import Testing

@Suite("The suggested wording for a refusal")
struct RefusalWordingTests {
    @Test("an administrator's wording is trimmed; the English falls back to the Chinese")
    func accepted() throws {
        let wording = try RefusalWording(chinese: "  请您理解，根据规定目前还不能办理。\n", english: "")
        #expect(wording.chinese == "请您理解，根据规定目前还不能办理。")
        #expect(wording.english == wording.chinese)
        let both = try RefusalWording(chinese: "请您理解。", english: " Please understand. ")
        #expect(both.english == "Please understand.")
    }

    @Test("no Chinese, too long, or a personal number in either language is refused")
    func refused() {
        #expect(throws: RefusalWordingError.chineseRequired) { try RefusalWording(chinese: " \n ", english: "Sorry") }
        let long = String(repeating: "请", count: RefusalWording.maxLength + 1)
        #expect(throws: RefusalWordingError.tooLong(max: RefusalWording.maxLength)) { try RefusalWording(chinese: long, english: "") }
        #expect(throws: RefusalWordingError.tooLong(max: RefusalWording.maxLength)) {
            try RefusalWording(chinese: "请您理解。", english: String(repeating: "a", count: RefusalWording.maxLength + 1))
        }
        #expect(throws: RefusalWordingError.personalNumber) { try RefusalWording(chinese: "有事请打13812345678", english: "") }
        #expect(throws: RefusalWordingError.personalNumber) { try RefusalWording(chinese: "请您理解。", english: "Call 13812345678") }
    }

    @Test("the shipped wording passes its own checks")
    func shipped() throws {
        let again = try RefusalWording(chinese: RefusalWording.shipped.chinese, english: RefusalWording.shipped.english)
        #expect(again == RefusalWording.shipped)
    }
}
