import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import PropertyBased
import Testing

@testable import ChuangkouStore

/// The hand-written event text reads and writes exactly what `Codable` with `millisecondsSince1970` dates does.
@Suite("Hall event payload")
struct HallEventPayloadTests {
    /// A small deterministic generator: one seed, one event.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["A001", "B", "", "请", "到3号", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "/", "é", "🙂", " ", "{", "}", ",", ":"]

    static func event(seed: Int) -> HallEvent {
        var random = SplitMix(state: UInt64(bitPattern: Int64(seed)))
        func text() -> String? {
            guard Bool.random(using: &random) else { return nil }
            return (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        let kinds: [HallEvent.Kind] = [.call, .ticket, .window, .escalation, .alert]
        // Whole milliseconds (as the server writes them), fractions of one, and the far past and future.
        let ms: Double =
            switch Int.random(in: 0...3, using: &random) {
            case 0: Double(Int64.random(in: 1_500_000_000_000...2_000_000_000_000, using: &random))
            case 1: Double.random(in: 1_500_000_000_000...2_000_000_000_000, using: &random)
            case 2: Double.random(in: -1e13...1e13, using: &random)
            default: Double(Int64.random(in: -900_000_000_000_000...900_000_000_000_000, using: &random)) + 0.5
            }
        return HallEvent(
            kind: kinds.randomElement(using: &random)!,
            ticketNumber: text(),
            business: text(),
            window: Bool.random(using: &random) ? WindowNumber(Int.random(in: 1...999, using: &random)) : nil,
            action: text(),
            at: Date(timeIntervalSince1970: ms / 1000)
        )
    }

    static func viaCodable(_ event: HallEvent) throws -> HallEvent {
        try JSONDecoder.events.decode(HallEvent.self, from: JSONEncoder.events.encode(event))
    }

    @Test("what it writes, JSONDecoder reads as the same event JSONEncoder's text gives; and it reads it back so")
    func writesWhatCodableReads() async throws {
        await propertyCheck(input: Gen.int(in: 0...Int.max)) { seed in
            let event = Self.event(seed: seed)
            let text = try HallEventPayload.encode(event)
            let expected = try Self.viaCodable(event)
            #expect(try JSONDecoder.events.decode(HallEvent.self, from: Data(text.utf8)) == expected, "\(text)")
            #expect(try HallEventPayload.decode(text) == expected, "\(text)")
            // Text with nothing to escape never needs the slow path.
            if !text.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 }) {
                #expect(HallEventPayload.fastDecode(text) == expected, "\(text)")
            }
        }
    }

    @Test("what JSONEncoder wrote (rows stored before) reads as JSONDecoder reads it, on the fast path when unescaped")
    func readsWhatCodableWrote() async throws {
        await propertyCheck(input: Gen.int(in: 0...Int.max)) { seed in
            let event = Self.event(seed: seed)
            let text = String(decoding: try JSONEncoder.events.encode(event), as: UTF8.self)
            #expect(try HallEventPayload.decode(text) == (try Self.viaCodable(event)), "\(text)")
        }
        // Without escapes, the fast reader handles it itself.
        let plain = HallEvent(
            kind: .call, ticketNumber: "A001", business: "B01", window: WindowNumber(3), action: "call",
            at: Date(timeIntervalSince1970: 1_764_547_200.123)
        )
        let stored = String(decoding: try JSONEncoder.events.encode(plain), as: UTF8.self)
        #expect(HallEventPayload.fastDecode(stored) == (try Self.viaCodable(plain)))
    }

    @Test("keys in any order read the same; what the fast reader does not know goes to JSONDecoder")
    func unusualTexts() throws {
        let reordered = #"{"at":1764547200123,"window":7,"kind":"ticket","action":"finish"}"#
        #expect(
            try HallEventPayload.decode(reordered)
                == HallEvent(kind: .ticket, window: WindowNumber(7), action: "finish", at: Date(timeIntervalSince1970: 1_764_547_200.123))
        )
        // An unknown key: JSONDecoder ignores it, so the event still reads.
        let extra = #"{"kind":"call","at":1,"note":"x"}"#
        #expect(HallEventPayload.fastDecode(extra) == nil)
        #expect(try HallEventPayload.decode(extra) == HallEvent(kind: .call, at: Date(timeIntervalSince1970: 0.001)))
        // Damaged rows fail as they did (the relay logs and goes on), never crash.
        let damaged = [
            "", "{", "{}", #"{"kind":"nope","at":1}"#, #"{"kind":"call"}"#, #"{"kind":"call","at":1,"window":0}"#, "[1]",
            #"{"kind":"call","at":1}x"#,
        ]
        for bad in damaged {
            #expect(throws: (any Error).self, "\(bad)") { try HallEventPayload.decode(bad) }
        }
    }
}
