import Foundation
import Testing

@testable import ChuangkouServer

@Suite("QR codes drawn by the server (ISO/IEC 18004)")
struct QRCodeTests {
    static func hex(_ text: String) -> [UInt8] { text.split(separator: " ").map { UInt8($0, radix: 16)! } }

    @Test("The standard's own example, 01234567 as 1-M: data and error-correction codewords (ISO/IEC 18004 Annex I)")
    func standardExample() throws {
        let segment = QRCode.Segment("01234567")
        #expect(segment.mode == .numeric)
        let data = QRCode.dataCodewords(segment, version: 1, level: .medium)
        #expect(data == Self.hex("10 20 0C 56 61 80 EC 11 EC 11 EC 11 EC 11 EC 11"))
        let all = QRCode.interleaved(data, version: 1, level: .medium)
        #expect(Array(all.suffix(10)) == Self.hex("A5 24 D4 C1 ED 36 C7 87 2C 55"))
        let code = try QRCode("01234567")
        #expect(code.version == 1 && code.size == 21)
    }

    @Test("HELLO WORLD in alphanumeric mode, 1-M (the worked example most decoders are checked with)")
    func helloWorld() {
        let segment = QRCode.Segment("HELLO WORLD")
        #expect(segment.mode == .alphanumeric)
        let data = QRCode.dataCodewords(segment, version: 1, level: .medium)
        #expect(data == Self.hex("20 5B 0B 78 D1 72 DC 4D 43 40 EC 11 EC 11 EC 11"))
        let ecc = Array(QRCode.interleaved(data, version: 1, level: .medium).suffix(10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test(
        "Format information for each level with mask 0, and the masks of level M (Annex C, table C.1)",
        arguments: [
            (QRCode.Level.low, 0, 0b1110111_11000100), (.medium, 0, 0b1010100_00010010), (.quartile, 0, 0b0110101_01011111),
            (.high, 0, 0b0010110_10001001), (.medium, 1, 0b1010001_00100101), (.medium, 7, 0b1001010_10100000),
        ]
    )
    func formatBits(level: QRCode.Level, mask: Int, expected: Int) {
        #expect(QRCode.Matrix.formatBits(level: level, mask: mask) == expected)
    }

    @Test(
        "Version information from version 7 (Annex D, table D.1)",
        arguments: [(7, 0x07C94), (8, 0x085BC), (9, 0x09A99), (10, 0x0A4D3), (40, 0x28C69)]
    )
    func versionBits(version: Int, expected: Int) {
        #expect(QRCode.Matrix.versionBits(version) == expected)
    }

    @Test(
        "Byte-mode capacity: the longest text of each version fits it and one byte more needs the next (table 7)",
        arguments: [
            (1, QRCode.Level.medium, 14), (2, .medium, 26), (4, .medium, 62), (7, .medium, 122), (10, .medium, 213), (40, .low, 2953),
            (40, .high, 1273),
        ]
    )
    func capacity(version: Int, level: QRCode.Level, bytes: Int) throws {
        let fits = try QRCode(String(repeating: "a", count: bytes), level: level)
        #expect(fits.version == version)
        if version < 40 {
            #expect(try QRCode(String(repeating: "a", count: bytes + 1), level: level).version == version + 1)
        } else {
            #expect(throws: QRCode.Failure.tooLong(bytes: bytes + 1)) { try QRCode(String(repeating: "a", count: bytes + 1), level: level) }
        }
    }

    @Test(
        "Alignment pattern centres (Annex E)",
        arguments: [(1, [Int]()), (2, [6, 18]), (7, [6, 22, 38]), (22, [6, 26, 50, 74, 98]), (32, [6, 34, 60, 86, 112, 138])]
    )
    func alignment(version: Int, centres: [Int]) {
        #expect(QRCode.Matrix.alignmentCentres(version) == centres)
    }

    @Test("Finder patterns sit in three corners and the timing lines alternate")
    func structure() throws {
        let code = try QRCode("https://hall.example/tickets/3f2a9c1e-0000-4000-8000-000000000000")
        let n = code.size
        for (x0, y0) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for i in 0..<7 {
                #expect(code.isDark(x: x0 + i, y: y0) && code.isDark(x: x0, y: y0 + i), "finder edge at \(x0),\(y0)")
            }
            #expect(!code.isDark(x: x0 + 1, y: y0 + 1) && code.isDark(x: x0 + 3, y: y0 + 3))
        }
        for i in 8..<(n - 8) {
            #expect(code.isDark(x: i, y: 6) == (i % 2 == 0))
            #expect(code.isDark(x: 6, y: i) == (i % 2 == 0))
        }
        #expect(code.isDark(x: 8, y: n - 8), "the dark module")
        #expect(code.svg().hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n + 8) \(n + 8)\""))
    }

    /// A PGM image of the symbol, 4 pixels per module, for zbarimg.
    static func pgm(_ code: QRCode) -> Data {
        let scale = 4
        let side = (code.size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) {
                for dy in 0..<scale {
                    for dx in 0..<scale { pixels[((y + 4) * scale + dy) * side + (x + 4) * scale + dx] = 0 }
                }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }

    @Test(
        "zbarimg reads back what was encoded, across modes, versions 1–25 and every mask",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"))
    )
    func decodesBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [(String, QRCode.Level, Int?)] = [
            ("01234567", .medium, nil), ("HELLO WORLD", .quartile, nil), ("请A008号到2号窗口办理", .high, nil),
            ("http://127.0.0.1:8080/status?code=23456789ABCD", .medium, nil),
        ]
        for mask in 0..<8 { cases.append(("https://hall.example/tickets/\(mask)", .medium, mask)) }
        for length in [100, 200, 400, 700] { cases.append((String(repeating: "窗口", count: length / 6) + "x", .low, nil)) }
        for (index, (text, level, mask)) in cases.enumerated() {
            let code = try QRCode(text, level: level, mask: mask)
            let file = directory.appendingPathComponent("\(index).pgm")
            try Self.pgm(code).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
            process.arguments = ["--quiet", "--raw", "-Sbinary", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            var decoded = String(decoding: output, as: UTF8.self)
            if decoded.hasSuffix("\n") { decoded.removeLast() }
            #expect(decoded == text, "version \(code.version) mask \(code.mask) level \(level)")
        }
    }
}
