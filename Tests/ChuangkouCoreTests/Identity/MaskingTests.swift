import ChuangkouCore
import PropertyBased
import Testing

@Suite("Masking personal numbers in text")
struct MaskingTests {
    @Test(
        "ID numbers and mobiles in a sentence are masked, other numbers are kept",
        arguments: [
            ("身份证号11010519491231002X，手机13812345678。", "身份证号110***********002X，手机138****5678。"),
            ("id=11010519491231002x&phone=+8613812345678", "id=110***********002x&phone=+86138****5678"),
            ("440524188001010014", "440***********0014"),
            ("联系电话：+86 138 1234 5678 或 139-1234-5678", "联系电话：+86 138 **** 5678 或 139-****-5678"),
            ("Tel13812345678", "Tel138****5678"),
            ("ID:１１０１０５１９４９１２３１００２Ｘ", "ID:１１０***********００２Ｘ"),
            ("受理日期 2026-05-28，编号 A001，金额 120 元", "受理日期 2026-05-28，编号 A001，金额 120 元"),
            ("银行卡 6222021234567890123 订单 123456789012", "银行卡 6222021234567890123 订单 123456789012"),
            ("12812345678 不是手机号", "12812345678 不是手机号"),
            ("138 1234 56789", "138 1234 56789"),
            ("", ""),
        ]
    )
    func masked(text: String, expected: String) {
        #expect(Masking.maskPersonalNumbers(in: text) == expected)
        #expect(Masking.containsPersonalNumbers(text) == (text != expected))
    }

    @Test("a mistyped number is masked too: a wrong check digit is still someone's data")
    func invalidStillMasked() {
        #expect(Masking.maskPersonalNumbers(in: "110105194912310021") == "110***********0021")
    }

    @Test("masking is idempotent and agrees with the identifiers' own masked forms")
    func agrees() {
        let id = ResidentIDNumber("11010519491231002X")!
        let phone = MobileNumber("13812345678")!
        let line = "申请人 \(id.value) 电话 \(phone.value)"
        let once = Masking.maskPersonalNumbers(in: line)
        #expect(once == "申请人 \(id.masked) 电话 \(phone.masked)")
        #expect(Masking.maskPersonalNumbers(in: once) == once && !Masking.containsPersonalNumbers(once))
    }

    @Test("keep(_:first:last:) stars the middle, or everything when too short")
    func keep() {
        #expect(Masking.keep("13812345678", first: 3, last: 4) == "138****5678")
        #expect(Masking.keep("1234567", first: 3, last: 4) == "*******")
        #expect(Masking.keep("", first: 3, last: 4) == "")
    }

    @Test("a generated ID number and mobile never survive masking, whatever surrounds them")
    func generated() async {
        let pool = Array("申请人电话号码：, ()[]=abcXYZ-")
        let characters = Gen.int(in: 0...(pool.count - 1)).map { pool[$0] }
        let filler = characters.string(of: 0...6)
        // Something must stand between the two numbers, or they would be one run of digits.
        let separator = characters.string(of: 1...6)
        let earliest = LocalDate("1900-01-01")!
        await propertyCheck(
            input: Gen.int(in: 100_000...999_999),
            Gen.int(in: 0...45_000),
            Gen.int(in: 0...999),
            Gen.int(in: 13_000_000_000...19_999_999_999),
            filler,
            separator,
            filler
        ) { area, days, sequence, mobile, a, b, c in
            let id = try Reference.idNumber(area: area, born: earliest.adding(days: days), sequence: sequence)
            let phone = String(mobile)
            let text = a + id + b + phone + c
            let masked = Masking.maskPersonalNumbers(in: text)
            #expect(!masked.contains(id) && !masked.contains(phone))
            #expect(!masked.contains(String(id.dropFirst(3).prefix(11))))
            // The phone's middle digits may legitimately reappear as the kept last four of the phone or of the ID
            // (13812341234): only a middle that appears nowhere else must be gone.
            let middle = String(phone.dropFirst(3).prefix(4))
            if middle != String(phone.suffix(4)) && middle != String(id.suffix(4)) { #expect(!masked.contains(middle)) }
            #expect(masked.count == text.count && Masking.containsPersonalNumbers(text))
        }
    }
}
