import ChuangkouCore
import Foundation
import NIOCore
import Testing

@testable import ChuangkouServer

/// The hand-written ticket JSON says exactly what `JSONEncoder` (ISO 8601 dates) would.
struct TicketJSONTests {
    static func encoderJSON(_ response: TicketResponse) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(response), as: UTF8.self)
    }

    static func handJSON(_ response: TicketResponse) -> String {
        var buffer = ByteBuffer()
        response.writeJSON(into: &buffer)
        return String(buffer: buffer)
    }

    /// Both parsed, so key order does not matter (JSONEncoder's is not fixed); values must be equal.
    static func sameJSON(_ a: String, _ b: String) throws -> Bool {
        let x = try JSONSerialization.jsonObject(with: Data(a.utf8)) as? NSDictionary
        let y = try JSONSerialization.jsonObject(with: Data(b.utf8)) as? NSDictionary
        return x != nil && x == y
    }

    @Test("5,000 random tickets in every state: hand-written JSON equals JSONEncoder's")
    func matchesEncoder() throws {
        var random = SystemRandomNumberGenerator()
        let statuses = TicketStatus.allCases
        for _ in 0..<5_000 {
            // Any instant from 1970 to 2100, with milliseconds, as the store keeps them.
            let issued = Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &random)) / 1000)
            let called = Bool.random(using: &random) ? issued.addingTimeInterval(Double(Int.random(in: 0...86_400_000, using: &random)) / 1000) : nil
            let ticket = Ticket(
                id: TicketID(UUID()),
                number: TicketNumber(prefix: TicketPrefix("K")!, sequence: Int.random(in: 1...2000, using: &random)),
                serviceDay: LocalDate(issued, in: TimeZone(identifier: "Asia/Shanghai")!),
                issuedAt: issued,
                business: BusinessCode("toxic-chemical-permit")!,
                status: statuses.randomElement(using: &random)!,
                greenChannel: Bool.random(using: &random) ? GreenChannel.allCases.randomElement(using: &random) : nil,
                window: Bool.random(using: &random) ? WindowNumber(Int.random(in: 1...999, using: &random)) : nil,
                officer: Bool.random(using: &random) ? Badge("010231") : nil,
                calledAt: called,
                recalls: Int.random(in: 0...3, using: &random),
                outOfOrderReason: Bool.random(using: &random) ? "急诊" : nil
            )
            let standing: (Int, Int?)? =
                Bool.random(using: &random) ? (Int.random(in: 1...99, using: &random), Bool.random(using: &random) ? 7 : nil) : nil
            let response = TicketResponse(ticket, standing: standing.map { (position: $0.0, estimatedWaitMinutes: $0.1) })
            let hand = Self.handJSON(response)
            let reference = try Self.encoderJSON(response)
            #expect(try Self.sameJSON(hand, reference), "\(hand)\n\(reference)")
        }
    }

    @Test("an instant just before a whole second is written as Foundation writes it (counted from 2001, not 1970)")
    func secondBoundary() throws {
        // The 1970-based double of this instant rounds up to the next second; Foundation formats the earlier one.
        let instant = Date(timeIntervalSinceReferenceDate: 373_636_450.999_999_94)
        var buffer = ByteBuffer()
        TicketResponse.write(date: instant, into: &buffer)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        #expect(String(buffer: buffer) == String(decoding: try encoder.encode(instant), as: UTF8.self))
    }

    @Test("strings are escaped as JSON requires")
    func escaping() throws {
        var buffer = ByteBuffer()
        TicketResponse.write(string: "a\"b\\c\nd\u{01}é", into: &buffer)
        let text = String(buffer: buffer)
        #expect(text == #""a\"b\\c\nd\u0001é""#)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String == "a\"b\\c\nd\u{01}é")
    }
}
