import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Official documents: 文号, dates and quotation marks (GB/T 9704)")
struct OfficialNumberTests {
    @Test(
        "The stored number is printed as a 文号 with the same sequence",
        arguments: [
            ("DHGA-2026-000017", "受", "东公（窗）受字〔2026〕17号"), ("DHGA-2026-000001", "补", "东公（窗）补字〔2026〕1号"),
            ("XYZ-2027-123456", "不许", "东公（窗）不许字〔2027〕123456号"),
        ]
    )
    func printed(stored: String, word: String, expected: String) throws {
        let number = try #require(OfficialNumber(stored: stored, unitAbbreviation: "东公（窗）", kindWord: word))
        #expect(number.text == expected)
    }

    @Test(
        "Anything but CODE-YYYY-NNNNNN is not read as a number",
        arguments: [
            "", "DHGA-2026", "DHGA-26-000017", "-2026-000017", "DHGA-2026-", "DHGA-2026-00x017", "DHGA-2026-000000", "DHGA-2026-0000000017",
            "DHGA-2026-٣",
        ]
    )
    func unreadable(stored: String) {
        #expect(OfficialNumber(stored: stored, unitAbbreviation: "东公（窗）", kindWord: "受") == nil)
    }

    @Test("Every sequence and year survive: stored, printed, the same number underneath")
    func roundTrip() async {
        await propertyCheck(input: Gen.int(in: 1...999_999), Gen.int(in: 1900...9999)) { sequence, year in
            let stored = "DHGA-\(year)-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
            let number = OfficialNumber(stored: stored, unitAbbreviation: "东公（窗）", kindWord: "受")
            #expect(number?.sequence == sequence && number?.year == year)
            #expect(number?.text == "东公（窗）受字〔\(year)〕\(sequence)号")
        }
    }

    @Test(
        "A configured abbreviation: trimmed, brackets made full-width, refused when it cannot stand in a 文号",
        arguments: [
            (" 东公(窗) ", "东公（窗）"), ("东公（窗）", "东公（窗）"), ("东公治", "东公治"), ("", nil), ("东 公", nil), ("东公2", nil), ("东公〔窗〕", nil),
            ("东湖市公安局政务服务大厅窗口", nil), ("<b>", nil),
        ] as [(String, String?)]
    )
    func abbreviation(text: String, expected: String?) {
        #expect(OfficialNumber.abbreviation(text) == expected)
    }

    @Test(
        "Dates in 年月日 without leading zeros",
        arguments: [("2026-03-03", "2026年3月3日"), ("2026-12-31", "2026年12月31日"), ("2027-01-10", "2027年1月10日")]
    )
    func dates(iso: String, expected: String) throws {
        #expect(ChineseDocumentText.date(try #require(LocalDate(iso))) == expected)
    }

    @Test("Every day of several years reads back from its 年月日 form")
    func datesProperty() async {
        await propertyCheck(input: Gen.int(in: 0...(366 * 30))) { offset in
            guard let day = try? LocalDate(year: 2020, month: 1, day: 1)!.adding(days: offset) else {
                Issue.record("no date \(offset) days after 2020-01-01")
                return
            }
            let text = ChineseDocumentText.date(day)
            let parts = text.split(whereSeparator: { "年月日".contains($0) }).compactMap { Int($0) }
            #expect(parts == [day.year, day.month, day.day] && text.hasSuffix("日"))
        }
    }

    @Test(
        "ISO dates inside sentences are written 年月日; what is not a real date stays",
        arguments: [
            ("您于2026-03-03提交的申请", "您于2026年3月3日提交的申请"), ("2026-01-05至2026-02-28", "2026年1月5日至2026年2月28日"),
            ("编号DHGA-2026-000017", "编号DHGA-2026-000017"), ("2026-02-30", "2026-02-30"), ("没有日期", "没有日期"),
        ]
    )
    func datesInText(text: String, expected: String) {
        #expect(ChineseDocumentText.dates(in: text) == expected)
    }

    @Test(
        "Quotation marks become “” and ‘’; an unpaired straight quote is left alone",
        arguments: [
            ("按「公章刻制备案」办理", "按“公章刻制备案”办理"), ("「外『内』外」", "“外‘内’外”"), (#"材料"身份证"缺失"#, "材料“身份证”缺失"),
            (#"a "b" c "d""#, "a “b” c “d”"), (#"只有一个"引号"#, #"只有一个"引号"#), ("没有引号", "没有引号"),
        ]
    )
    func quotes(text: String, expected: String) {
        #expect(ChineseDocumentText.quotes(text) == expected)
    }
}
