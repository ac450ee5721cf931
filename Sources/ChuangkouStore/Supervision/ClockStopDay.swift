import ChuangkouCore
import Foundation

/// The day a stored `DeadlineClock` stopped, read straight from its JSON text: the desk reads every clock due in its
/// period and needs nothing else of them, and a JSON decoder per clock was a quarter of a month's desk. Text in the
/// shape the store writes (keys sorted, so it ends `"stoppedOn":{"day":26,"month":8,"year":2026}}`) is read here, as is
/// text with no `stoppedOn` key at all (running); anything else goes through the decoder (tested against it). Only a
/// row damaged before its stop day could read differently: stopped here, unreadable (running) to the decoder.
enum ClockStopDay {
    private struct StoppedOn: Decodable {
        let stoppedOn: LocalDate?
    }

    /// nil: still running, or text that does not read (an unreadable clock counts as running on the desk).
    static func of(_ text: String, decoder: JSONDecoder) -> LocalDate? {
        let utf8 = Array(text.utf8)
        if let day = fast(utf8) { return day }
        return (try? decoder.decode(StoppedOn.self, from: Data(utf8)))?.stoppedOn
    }

    /// The day when the text reads the simple way (`.some(nil)`: no `stoppedOn` key at all), nil to ask the decoder.
    static func fast(_ bytes: [UInt8]) -> LocalDate?? {
        let key = Array(#""stoppedOn":"#.utf8)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var found: Int?
        var i = 0
        while i + key.count <= bytes.count {
            if bytes[i] == key[0], bytes[i..<(i + key.count)].elementsEqual(key) {
                guard found == nil else { return nil }  // twice: let the decoder say what that means
                found = i + key.count
            }
            i += 1
        }
        guard let start = found else {
            // No key anywhere, not even spaced differently: not stopped.
            return bytes.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\\") }) ? nil : .some(nil)
        }
        // {"day":D,"month":M,"year":Y} in any order, nothing else.
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var fields: [String: Int] = [:]
        var j = start + 1
        while j < bytes.count {
            guard bytes[j] == UInt8(ascii: "\"") else { return nil }
            var k = j + 1
            while k < bytes.count, bytes[k] != UInt8(ascii: "\"") { k += 1 }
            guard k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: ":") else { return nil }
            let name = String(decoding: bytes[(j + 1)..<k], as: UTF8.self)
            var value = 0
            var digits = 0
            var m = k + 2
            while m < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[m]), digits < 6 {
                value = value * 10 + Int(bytes[m] - UInt8(ascii: "0"))
                digits += 1
                m += 1
            }
            guard digits > 0, m < bytes.count, fields[name] == nil else { return nil }
            fields[name] = value
            if bytes[m] == UInt8(ascii: "}") {
                // The last key of the clock's object, as the store's sorted encoding writes it.
                guard m + 2 == bytes.count, bytes[m + 1] == UInt8(ascii: "}") else { return nil }
                break
            }
            guard bytes[m] == UInt8(ascii: ",") else { return nil }
            j = m + 1
        }
        guard fields.count == 3, let year = fields["year"], let month = fields["month"], let day = fields["day"],
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        return .some(date)
    }
}
