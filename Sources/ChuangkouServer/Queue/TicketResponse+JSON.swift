import ChuangkouCore
import Foundation
import Hummingbird
import NIOCore

/// Every step of a ticket's life (issue, call, start, finish…) answers with one ticket, so that answer is written by
/// hand: through `JSONEncoder` (and its ISO 8601 date formatting) it was ≈ 8 % of the server's CPU under load.
/// The bytes are the same JSON the `Encodable` conformance produces — a property test compares the two — and nested
/// tickets (in window and queue responses) still go through `Encodable`.
extension TicketResponse {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(384)
        writeJSON(into: &buffer)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }

    func writeJSON(into out: inout ByteBuffer) {
        out.writeStaticString("{\"id\":")
        Self.write(string: id, into: &out)
        out.writeStaticString(",\"number\":")
        Self.write(string: number, into: &out)
        out.writeStaticString(",\"business\":")
        Self.write(string: business, into: &out)
        out.writeStaticString(",\"status\":")
        Self.write(string: status, into: &out)
        out.writeStaticString(",\"position\":")
        Self.write(int: position, into: &out)
        out.writeStaticString(",\"estimatedWaitMinutes\":")
        Self.write(int: estimatedWaitMinutes, into: &out)
        out.writeStaticString(",\"window\":")
        Self.write(int: window?.value, into: &out)
        out.writeStaticString(",\"greenChannel\":")
        Self.write(string: greenChannel, into: &out)
        out.writeStaticString(",\"greenChannelCheck\":")
        Self.write(string: greenChannelCheck, into: &out)
        out.writeStaticString(",\"issuedAt\":")
        Self.write(date: issuedAt, into: &out)
        out.writeStaticString(",\"calledAt\":")
        Self.write(date: calledAt, into: &out)
        out.writeStaticString(",\"recalls\":")
        Self.write(int: recalls, into: &out)
        out.writeStaticString(outOfOrder ? ",\"outOfOrder\":true" : ",\"outOfOrder\":false")
        out.writeStaticString(",\"officer\":")
        Self.write(string: officer, into: &out)
        out.writeStaticString("}")
    }

    static func write(string: String?, into out: inout ByteBuffer) {
        guard let string else {
            out.writeStaticString("null")
            return
        }
        out.writeInteger(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): out.writeStaticString("\\\\")
            case 0x0A: out.writeStaticString("\\n")
            case 0x0D: out.writeStaticString("\\r")
            case 0x09: out.writeStaticString("\\t")
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.writeStaticString("\\u00")
                out.writeInteger(hex[Int(byte >> 4)])
                out.writeInteger(hex[Int(byte & 0x0f)])
            default: out.writeInteger(byte)
            }
        }
        out.writeInteger(UInt8(ascii: "\""))
    }

    static func write(int: Int?, into out: inout ByteBuffer) {
        guard let int else {
            out.writeStaticString("null")
            return
        }
        out.writeString(String(int))
    }

    /// `"2026-02-12T01:30:05Z"`, as `JSONEncoder`'s `.iso8601` strategy writes it (UTC, whole seconds).
    static func write(date: Date?, into out: inout ByteBuffer) {
        guard let date else {
            out.writeStaticString("null")
            return
        }
        // Whole seconds counted the way Foundation's formatter counts them — from its reference date (2001) — since
        // near a second's end the two epochs' doubles can round to different seconds.
        let seconds = Int(date.timeIntervalSinceReferenceDate.rounded(.down)) + 978_307_200
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        out.writeInteger(UInt8(ascii: "\""))
        out.writeString((LocalDate(daysSinceEpoch: days) ?? (days < 0 ? LocalDate.earliest : LocalDate.latest)).description)
        out.writeInteger(UInt8(ascii: "T"))
        for (index, part) in [rest / 3600, rest / 60 % 60, rest % 60].enumerated() {
            if index > 0 { out.writeInteger(UInt8(ascii: ":")) }
            out.writeInteger(UInt8(48 + part / 10))
            out.writeInteger(UInt8(48 + part % 10))
        }
        out.writeStaticString("Z\"")
    }
}
