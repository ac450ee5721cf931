import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("居民身份证号码 (GB 11643-1999)")
struct ResidentIDNumberTests {
    let today = LocalDate("2026-05-28")!

    func validate(_ text: String) throws(ResidentIDError) -> ResidentIDNumber {
        try ResidentIDNumber(validating: text, today: today)
    }

    @Test("the RULES examples are valid; birth date, sex and parts are read from the number")
    func examples() throws {
        let beijing = try validate("11010519491231002X")
        #expect(beijing.value == "11010519491231002X" && beijing.areaCode == "110105")
        #expect(beijing.birthDate == LocalDate("1949-12-31") && beijing.sequence == 2 && !beijing.isMale)
        #expect(beijing.checkCharacter == "X")
        let guangdong = try validate("440524188001010014")
        #expect(guangdong.birthDate == LocalDate("1880-01-01") && guangdong.sequence == 1 && guangdong.isMale)
        #expect(ResidentIDNumber("440524188001010014") == guangdong)
    }

    @Test("a lower-case x, full-width digits and spaces are accepted and normalised")
    func normalised() throws {
        #expect(try validate("11010519491231002x").value == "11010519491231002X")
        #expect(try validate(" 110105 19491231 002X ").value == "11010519491231002X")
        #expect(try validate("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X")
    }

    @Test(
        "each kind of mistake gets its own error",
        arguments: [
            ("110105194912310021", ResidentIDError.wrongCheckCharacter(expected: "X")),
            ("440524188001010015", .wrongCheckCharacter(expected: "4")),
            ("11010519491231002", .wrongLength(17)),
            ("11010519491231002X1", .wrongLength(19)),
            ("", .wrongLength(0)),
            ("1101A519491231002X", .notDigits(position: 5)),
            ("1101051949123100X2", .notDigits(position: 17)),
            ("11010519491231002Y", .notDigits(position: 18)),
            ("01010519491231002X", .badAreaCode("010105")),
        ]
    )
    func mistakes(text: String, error: ResidentIDError) {
        #expect(throws: error) { try validate(text) }
        #expect(ResidentIDNumber(text) == nil)
    }

    @Test(
        "an impossible birth date is refused even with a correct check character",
        arguments: [
            "19990230", "19990229", "19991301", "19990000", "19990100", "19000229",
        ]
    )
    func impossibleDate(date: String) {
        let first17 = "110105" + date + "123"
        let text = first17 + String(Reference.idCheck(first17.map { $0.wholeNumberValue! }))
        #expect(throws: ResidentIDError.impossibleBirthDate(date)) { try validate(text) }
        #expect(ResidentIDNumber(text) == nil)
    }

    @Test("29 February exists in leap years, 2000 included")
    func leapDay() throws {
        #expect(try validate(Reference.idNumber(area: 110105, born: LocalDate("2000-02-29")!, sequence: 11)).isMale)
        #expect(try validate(Reference.idNumber(area: 110105, born: LocalDate("2024-02-29")!, sequence: 12)).birthDate.day == 29)
    }

    @Test("a birth date after today is refused at intake, today itself is not; storage decoding does not ask")
    func futureDate() throws {
        let next = try today.adding(days: 1)
        let tomorrow = Reference.idNumber(area: 320102, born: next, sequence: 101)
        #expect(throws: ResidentIDError.birthDateInFuture(next)) { try validate(tomorrow) }
        let bornToday = Reference.idNumber(area: 320102, born: today, sequence: 101)
        #expect(try validate(bornToday).birthDate == today)
        // init?(_:) has no day to compare with: a number accepted at intake stays valid in storage.
        #expect(ResidentIDNumber(tomorrow) != nil)
    }

    @Test("a birth date before 1800 is refused; 1880 (the standard's own example) is not")
    func tooEarly() throws {
        let text = Reference.idNumber(area: 110105, born: LocalDate("1799-12-31")!, sequence: 1)
        #expect(throws: ResidentIDError.birthDateTooEarly(LocalDate("1799-12-31")!)) { try validate(text) }
        #expect(ResidentIDNumber(text) == nil)
        #expect(try validate(Reference.idNumber(area: 110105, born: LocalDate("1800-01-01")!, sequence: 1)).isMale)
        #expect(try validate("440524188001010014").birthDate.year == 1880)
    }

    @Test("masked as the first three and last four characters; printing never shows the full number")
    func masking() throws {
        let id = try validate("11010519491231002X")
        #expect(id.masked == "110***********002X" && id.masked.count == 18)
        #expect(try validate("440524188001010014").masked == "440***********0014")
        #expect("\(id)" == "110***********002X" && id.description == id.masked)
        #expect(!String(reflecting: id).contains(id.value))
        var dumped = ""
        dump(id, to: &dumped)
        #expect(!dumped.contains(id.value) && dumped.contains(id.masked))
    }

    @Test("stored as the full number and read back")
    func codable() throws {
        let id = try validate("11010519491231002X")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([ResidentIDNumber].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentIDNumber].self, from: Data(#"["110105194912310021"]"#.utf8))
        }
    }

    @Test("errors read in Chinese and English")
    func messages() {
        #expect(ResidentIDError.wrongCheckCharacter(expected: "X").chinese.contains("校验码"))
        #expect(ResidentIDError.impossibleBirthDate("19990230").english.contains("19990230"))
        #expect(ResidentIDError.wrongLength(17).chinese.contains("17"))
    }

    @Test("the public check character agrees with the reference computation")
    func checkCharacter() {
        #expect(ResidentIDNumber.checkCharacter(forFirst17: "11010519491231002") == "X")
        #expect(ResidentIDNumber.checkCharacter(forFirst17: "44052418800101001") == "4")
        #expect(ResidentIDNumber.checkCharacter(forFirst17: "4405241880010100") == nil)
        #expect(ResidentIDNumber.checkCharacter(forFirst17: "4405241880010100A") == nil)
    }

    static let earliest = LocalDate("1800-01-01")!
    static let latest = LocalDate("2026-05-28")!

    @Test("a generated number validates, and changing any one character breaks it")
    func generated() async {
        let span = Self.latest.daysSinceEpoch - Self.earliest.daysSinceEpoch
        await propertyCheck(
            input: Gen.int(in: 100_000...999_999),
            Gen.int(in: 0...span),
            Gen.int(in: 0...999),
            Gen.int(in: 0...17),
            Gen.int(in: 0...9)
        ) { area, dayOffset, sequence, position, shift in
            let born = try Self.earliest.adding(days: dayOffset)
            let text = Reference.idNumber(area: area, born: born, sequence: sequence)
            let id = try ResidentIDNumber(validating: text, today: Self.latest)
            #expect(id.value == text && id.birthDate == born && id.sequence == sequence)
            #expect(id.isMale == (sequence % 2 == 1))
            #expect(id.masked == String(text.prefix(3)) + "***********" + String(text.suffix(4)))
            #expect(ResidentIDNumber.checkCharacter(forFirst17: text.prefix(17)) == id.checkCharacter)
            #expect(try ResidentIDNumber(validating: text.lowercased(), today: Self.latest) == id)

            // Replace one character by another allowed there (the check character may also become X).
            var characters = Array(text)
            let alphabet = position == 17 ? Array("0123456789X") : Array("0123456789")
            let current = alphabet.firstIndex(of: characters[position])!
            characters[position] = alphabet[(current + 1 + shift % (alphabet.count - 1)) % alphabet.count]
            #expect(throws: ResidentIDError.self) {
                try ResidentIDNumber(validating: String(characters), today: Self.latest)
            }
            #expect(ResidentIDNumber(String(characters)) == nil)
        }
    }
}
