import ChuangkouCore
import Foundation

/// The JSON text a hall event is stored as, written and read by hand.
///
/// Every ticket transition appends one event and the relay reads each one back: through `JSONEncoder` and
/// `JSONDecoder` that was ≈ 3.4 % of the server's CPU in the lifecycle benchmark. The text is the same JSON the
/// `Codable` conformance with `millisecondsSince1970` dates reads and writes (a property test holds the two together);
/// anything the fast reader does not expect (an escape, an unknown key, a payload from another version) goes to
/// `JSONDecoder`, so no stored row reads differently than it did.
enum HallEventPayload {
    static func encode(_ event: HallEvent) throws -> String {
        let ms = event.at.timeIntervalSince1970 * 1000
        // JSONEncoder refuses what JSON cannot hold; so do we, with its error.
        guard ms.isFinite else { return String(decoding: try JSONEncoder.events.encode(event), as: UTF8.self) }
        var out = "{\"kind\":"
        out.reserveCapacity(128)
        write(event.kind.rawValue, into: &out)
        if let number = event.ticketNumber {
            out += ",\"ticketNumber\":"
            write(number, into: &out)
        }
        if let business = event.business {
            out += ",\"business\":"
            write(business, into: &out)
        }
        if let window = event.window {
            out += ",\"window\":"
            out += String(window.value)
        }
        if let action = event.action {
            out += ",\"action\":"
            write(action, into: &out)
        }
        out += ",\"at\":"
        // Whole milliseconds as JSONEncoder writes them (no ".0"); otherwise the shortest text that reads back exactly.
        if ms == ms.rounded(), abs(ms) < 1e15 {
            out += String(Int64(ms))
        } else {
            out += ms.description
        }
        out += "}"
        return out
    }

    static func decode(_ payload: String) throws -> HallEvent {
        if let event = fastDecode(payload) { return event }
        return try JSONDecoder.events.decode(HallEvent.self, from: Data(payload.utf8))
    }

    private static func write(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..<"\u{20}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A flat object of the event's keys (any order), strings without escapes, an integer window and a number `at`;
    /// nil for anything else.
    static func fastDecode(_ payload: String) -> HallEvent? {
        var utf8 = payload.utf8[...]
        var kind: HallEvent.Kind?
        var ticketNumber: String?
        var business: String?
        var window: WindowNumber?
        var action: String?
        var at: Date?
        guard utf8.popFirst() == UInt8(ascii: "{") else { return nil }
        while true {
            guard let key = string(&utf8), utf8.popFirst() == UInt8(ascii: ":") else { return nil }
            switch key {
            case "kind":
                guard kind == nil, let text = string(&utf8), let value = HallEvent.Kind(rawValue: text) else { return nil }
                kind = value
            case "ticketNumber":
                guard ticketNumber == nil, let text = string(&utf8) else { return nil }
                ticketNumber = text
            case "business":
                guard business == nil, let text = string(&utf8) else { return nil }
                business = text
            case "action":
                guard action == nil, let text = string(&utf8) else { return nil }
                action = text
            case "window":
                guard window == nil, let text = number(&utf8), let value = Int(text), let number = WindowNumber(value) else { return nil }
                window = number
            case "at":
                guard at == nil, let text = number(&utf8), let ms = Double(text), ms.isFinite else { return nil }
                at = Date(timeIntervalSince1970: ms / 1000)
            default:
                return nil
            }
            switch utf8.popFirst() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"):
                guard utf8.isEmpty, let kind, let at else { return nil }
                return HallEvent(kind: kind, ticketNumber: ticketNumber, business: business, window: window, action: action, at: at)
            default: return nil
            }
        }
    }

    /// A quoted string with no escapes in it, or nil.
    private static func string(_ utf8: inout Substring.UTF8View) -> String? {
        guard utf8.popFirst() == UInt8(ascii: "\""),
            let end = utf8.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
            utf8[end] == UInt8(ascii: "\"")
        else { return nil }
        let text = String(Substring(utf8[..<end]))
        utf8 = utf8[utf8.index(after: end)...]
        return text
    }

    /// The text of a JSON number (digits, sign, point, exponent), or nil.
    private static func number(_ utf8: inout Substring.UTF8View) -> Substring? {
        let end =
            utf8.firstIndex { byte in
                !((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E"))
            } ?? utf8.endIndex
        guard end != utf8.startIndex else { return nil }
        let text = Substring(utf8[..<end])
        utf8 = utf8[end...]
        return text
    }
}
