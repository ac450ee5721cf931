import Foundation
import Logging
import Synchronization
import Testing

@testable import ChuangkouServer

/// The server's log lines: masked, in StreamLogHandler's shape, metadata from every source.
@Suite("Log lines")
struct HallLogHandlerTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "holder 11010519491231002X refused" }
    }

    static func logger(_ lines: Lines) -> Logger {
        Logger(label: "chuangkou.test") { label in HallLogHandler(label: label, write: lines.append) }
    }

    @Test("ID card and mobile numbers are masked in messages, metadata and errors; the line keeps StreamLogHandler's shape")
    func masked() throws {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "hb.request.id"] = "r1"
        logger.warning("citizen 110105194912310021 called from 13812345678", metadata: ["phone": "13912345678", "a": "first"])
        logger.error("refused", error: Refused())
        let all = lines.all
        #expect(all.count == 2)
        let first = try #require(all.first)
        #expect(!first.contains("110105194912310021") && first.contains("110***********0021"), "\(first)")
        #expect(!first.contains("13812345678") && !first.contains("13912345678"), "\(first)")
        // timestamp, level, label, metadata sorted by key, [source], message
        let stamp = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} /#
        #expect(first.firstMatch(of: stamp) != nil, "\(first)")
        let rest = #/ warning chuangkou.test: a=first hb.request.id=r1 phone=\S+ \[ChuangkouServerTests\] citizen /#
        #expect(first.firstMatch(of: rest) != nil, "\(first)")
        #expect(first.hasSuffix("\n"))
        let second = try #require(all.last)
        #expect(second.contains("error.message=") && !second.contains("11010519491231002X"), "\(second)")
        #expect(second.contains("error.type=ChuangkouServerTests.HallLogHandlerTests.Refused"), "\(second)")
    }

    @Test("below its level nothing is written; the handler's own metadata changes per logger copy")
    func levelsAndCopies() {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger.logLevel = .warning
        logger.info("quiet")
        var request = logger
        request[metadataKey: "hb.request.id"] = "r2"
        logger.warning("plain")
        request.warning("tagged")
        #expect(lines.all.count == 2)
        #expect(lines.all.first?.contains("hb.request.id") == false)
        #expect(lines.all.last?.contains("hb.request.id=r2") == true)
    }
}
