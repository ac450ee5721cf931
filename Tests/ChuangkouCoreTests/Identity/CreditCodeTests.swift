import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("统一社会信用代码 (GB 32100-2015)")
struct CreditCodeTests {
    @Test("the RULES examples are valid and split into their parts")
    func examples() throws {
        let fuzhou = try CreditCode(validating: "91350100M000100Y43")
        #expect(fuzhou.registrationAuthority == "9" && fuzhou.organisationType == "1" && fuzhou.areaCode == "350100")
        #expect(fuzhou.organisationCode == "M000100Y4" && fuzhou.checkCharacter == "3")
        let beijing = try CreditCode(validating: "91110108551385082Q")
        #expect(beijing.areaCode == "110108" && beijing.checkCharacter == "Q")
        #expect(CreditCode("91110108551385082Q") == beijing)
    }

    @Test("lower-case, full-width and spaced input is accepted and held upper-case")
    func normalised() throws {
        #expect(try CreditCode(validating: "91110108551385082q").value == "91110108551385082Q")
        #expect(try CreditCode(validating: "91350100m000100y43").value == "91350100M000100Y43")
        #expect(try CreditCode(validating: " 9135 0100 M000 100Y 43 ").value == "91350100M000100Y43")
        #expect(try CreditCode(validating: "９１１１０１０８５５１３８５０８２Ｑ").value == "91110108551385082Q")
    }

    @Test(
        "each kind of mistake gets its own error",
        arguments: [
            ("91350100M000100Y44", CreditCodeError.wrongCheckCharacter(expected: "3")),
            ("91110108551385082R", .wrongCheckCharacter(expected: "Q")),
            ("91350100M000100Y4", .wrongLength(17)),
            ("91350100M000100Y433", .wrongLength(19)),
            ("91350100I000100Y43", .invalidCharacter(position: 9)),
            ("91350100O000100Y43", .invalidCharacter(position: 9)),
            ("9135010ZM000100Y43", .invalidCharacter(position: 8)),
            ("91350100M000100S43", .invalidCharacter(position: 16)),
            ("V1350100M000100Y43", .invalidCharacter(position: 1)),
            ("91350100M000100Y4-", .invalidCharacter(position: 18)),
            ("913501A0M000100Y43", .badAreaCode("3501A0")),
        ]
    )
    func mistakes(text: String, error: CreditCodeError) {
        #expect(throws: error) { try CreditCode(validating: text) }
        #expect(CreditCode(text) == nil)
    }

    @Test("a credit code is public and printed in full; errors read in both languages")
    func printed() throws {
        let code = try CreditCode(validating: "91350100M000100Y43")
        #expect("\(code)" == "91350100M000100Y43")
        #expect(CreditCodeError.invalidCharacter(position: 9).chinese.contains("I、O、Z、S、V"))
        #expect(CreditCodeError.wrongCheckCharacter(expected: "3").english.contains("check character"))
        let data = try JSONEncoder().encode(code)
        #expect(try JSONDecoder().decode(CreditCode.self, from: data) == code)
    }

    @Test("the public check character agrees with the reference computation")
    func checkCharacter() {
        #expect(CreditCode.checkCharacter(forFirst17: "91350100M000100Y4") == "3")
        #expect(CreditCode.checkCharacter(forFirst17: "91110108551385082") == "Q")
        #expect(CreditCode.checkCharacter(forFirst17: "9111010855138508") == nil)
        #expect(CreditCode.checkCharacter(forFirst17: "9111010855138508I") == nil)
    }

    @Test("a generated code validates, and changing any one character breaks it")
    func generated() async {
        let any = Gen.int(in: 0...30)
        let digit = Gen.int(in: 0...9)
        await propertyCheck(
            input: any.array(of: 2),
            digit.array(of: 6),
            any.array(of: 9),
            Gen.int(in: 0...17),
            Gen.int(in: 0...29)
        ) { head, area, body, position, shift in
            let text = Reference.creditCode(head + area + body)
            let code = try CreditCode(validating: text)
            #expect(code.value == text && code.areaCode == String(text.dropFirst(2).prefix(6)))
            #expect(try CreditCode(validating: text.lowercased()) == code)
            #expect(CreditCode.checkCharacter(forFirst17: text.prefix(17)) == code.checkCharacter)

            var characters = Array(text)
            let alphabet = Reference.creditAlphabet
            let current = alphabet.firstIndex(of: characters[position])!
            characters[position] = alphabet[(current + 1 + shift) % alphabet.count]
            #expect(throws: CreditCodeError.self) { try CreditCode(validating: String(characters)) }
        }
    }
}
