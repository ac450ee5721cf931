import ChuangkouCore
import ChuangkouTestSupport
import Testing

@Suite("Ticket numbers and identifiers")
struct TicketNumberTests {
    @Test("numbers are the prefix and at least three digits", arguments: [(1, "A001"), (42, "A042"), (999, "A999"), (1000, "A1000")])
    func format(sequence: Int, text: String) {
        #expect(TicketNumber(prefix: TicketPrefix("A")!, sequence: sequence).description == text)
    }

    @Test("the display reads digits one by one")
    func spoken() {
        #expect(TicketNumber(prefix: TicketPrefix("B")!, sequence: 105).spoken == "B一零五")
    }

    @Test("the call announcement names the number and the window")
    func announcement() {
        let event = HallEvent(kind: .call, ticketNumber: "A001", window: 3, at: Fixture.start)
        #expect(event.announcement == "请A001号到3号窗口办理")
        #expect(HallEvent(kind: .window, window: 3, at: Fixture.start).announcement == nil)
    }

    @Test(
        "a badge (警号) is exactly six digits, leading zeros kept",
        arguments: [
            ("010231", true), ("000001", true), ("12345", false), ("1234567", false), ("01023a", false), ("０１０２３１", false),
        ]
    )
    func badge(text: String, valid: Bool) {
        #expect((Badge(text) != nil) == valid)
        #expect(Badge(text)?.value == (valid ? text : nil))
    }

    @Test("prefixes are one capital letter; business codes are lower-case slugs")
    func codes() {
        #expect(TicketPrefix("A") != nil && TicketPrefix("a") == nil && TicketPrefix("AB") == nil && TicketPrefix("") == nil)
        #expect(BusinessCode("id-card") != nil && BusinessCode("ID") == nil && BusinessCode("x") == nil && BusinessCode("a b") == nil)
    }
}
