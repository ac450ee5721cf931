import ChuangkouCore
import Foundation
import Testing

@Suite("Mobile numbers")
struct MobileNumberTests {
    @Test(
        "11 digits starting 13–19, with or without +86, spaces and dashes",
        arguments: [
            "13812345678", "+8613812345678", "+86 138 1234 5678", "138-1234-5678", "+86-19912345678", "１３８１２３４５６７８",
        ]
    )
    func accepted(text: String) throws {
        let number = try MobileNumber(validating: text)
        #expect(number.value.count == 11 && number.value.hasPrefix("1"))
        #expect(MobileNumber(text) == number)
    }

    @Test("the value is the 11 digits; masked, last four and the international form")
    func parts() throws {
        let number = try MobileNumber(validating: "+86 138-1234-5678")
        #expect(number.value == "13812345678" && number.masked == "138****5678" && number.lastFour == "5678")
        #expect(number.international == "+8613812345678")
        #expect("\(number)" == "138****5678" && !String(reflecting: number).contains(number.value))
        var dumped = ""
        dump(number, to: &dumped)
        #expect(!dumped.contains(number.value))
    }

    @Test(
        "refused with the reason",
        arguments: [
            ("12812345678", MobileNumberError.notMobilePrefix),
            ("23812345678", .notMobilePrefix),
            ("1381234567", .wrongLength(10)),
            ("138123456789", .wrongLength(12)),
            ("8613812345678", .wrongLength(13)),
            ("", .wrongLength(0)),
            ("+85291234567", .notDigits),
            ("138 1234 567a", .notDigits),
            ("(138)12345678", .notDigits),
        ]
    )
    func refused(text: String, error: MobileNumberError) {
        #expect(throws: error) { try MobileNumber(validating: text) }
        #expect(MobileNumber(text) == nil)
    }

    @Test("stored as the 11 digits")
    func codable() throws {
        let number = try MobileNumber(validating: "+8613812345678")
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["13812345678"]"#)
        #expect(try JSONDecoder().decode([MobileNumber].self, from: data) == [number])
        #expect(MobileNumberError.notMobilePrefix.chinese.contains("13") && MobileNumberError.notDigits.english.contains("+86"))
    }
}
