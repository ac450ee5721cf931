import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Window numbers")
struct WindowNumberTests {
    @Test(
        "a path segment is a window number only when it is 1–999 in plain digits",
        arguments: [
            ("1", 1), ("7", 7), ("999", 999), ("042", 42),
            ("0", nil), ("1000", nil), ("-1", nil), ("+3", nil), (" 3", nil), ("3.0", nil), ("", nil), ("٣", nil),
            ("99999999999999999999", nil), ("1e2", nil),
        ] as [(String, Int?)]
    )
    func parsesText(_ text: String, _ expected: Int?) {
        #expect(WindowNumber(text)?.value == expected)
    }

    @Test("an integer outside 1–999 is no window", arguments: [Int.min, -1, 0, 1000, Int.max])
    func refusesOutOfRange(_ number: Int) {
        #expect(WindowNumber(number) == nil)
    }

    @Test("JSON carries the plain integer both ways, and refuses one out of range")
    func codable() throws {
        let window: WindowNumber = 12
        #expect(String(decoding: try JSONEncoder().encode(window), as: UTF8.self) == "12")
        #expect(try JSONDecoder().decode(WindowNumber.self, from: Data("12".utf8)) == window)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WindowNumber.self, from: Data("0".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WindowNumber.self, from: Data("\"3\"".utf8)) }
    }

    @Test("numbers order as the hall counts them")
    func ordering() {
        #expect(([10, 2, 1] as [WindowNumber]).sorted() == [1, 2, 10])
        #expect((3 as WindowNumber).description == "3")
    }
}
