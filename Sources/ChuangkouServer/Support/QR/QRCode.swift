/// A QR code symbol (ISO/IEC 18004), made here so that no library or CDN is needed: the ticket slip's and the
/// documents' status links are drawn as SVG by the server.
///
/// One segment in the most compact mode the text allows (numeric, alphanumeric or byte), the smallest version
/// 1–40 that holds it at the chosen error-correction level, and the mask with the lowest penalty (§7.8.3).
struct QRCode: Sendable, Equatable {
    enum Level: Int, Sendable, CaseIterable {
        // Raw values index the block tables; `formatBits` are the two bits the format information carries.
        case low = 0
        case medium, quartile, high

        var formatBits: Int { [1, 0, 3, 2][rawValue] }
    }

    enum Failure: Error, Equatable {
        /// More data than version 40 holds at this level.
        case tooLong(bytes: Int)
    }

    let version: Int
    let level: Level
    let mask: Int
    /// Modules per side: 17 + 4 × version.
    let size: Int
    /// Row-major, `true` for dark.
    let modules: [Bool]

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `text` (UTF-8 in byte mode when it is not all digits or the alphanumeric set).
    init(_ text: String, level: Level = .medium, mask fixedMask: Int? = nil) throws {
        let segment = Segment(text)
        var chosen: Int?
        for version in 1...40 where segment.bitLength(version: version) <= Self.dataCodewords(version, level) * 8 {
            chosen = version
            break
        }
        guard let version = chosen else { throw Failure.tooLong(bytes: text.utf8.count) }
        let codewords = Self.interleaved(Self.dataCodewords(segment, version: version, level: level), version: version, level: level)
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns(level: level)
        matrix.drawCodewords(codewords)
        let mask =
            fixedMask
            ?? (0..<8).min { a, b in
                matrix.masked(a, level: level).penalty < matrix.masked(b, level: level).penalty
            }!
        let final = matrix.masked(mask, level: level)
        self.version = version
        self.level = level
        self.mask = mask
        self.size = final.size
        self.modules = final.dark
    }

    /// The data codewords before error correction: mode, count, data, terminator, padding (§7.4).
    static func dataCodewords(_ segment: Segment, version: Int, level: Level) -> [UInt8] {
        var bits = BitBuffer()
        segment.append(to: &bits, version: version)
        let capacity = dataCodewords(version, level) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var bytes = bits.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < capacity / 8 {
            bytes.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bytes
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords and interleaves them (§7.6).
    static func interleaved(_ data: [UInt8], version: Int, level: Level) -> [UInt8] {
        let blockCount = Tables.blocks[level.rawValue][version]
        let eccLength = Tables.eccPerBlock[level.rawValue][version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            blocks.append(block + ReedSolomon.remainder(block, divisor: divisor))
        }
        var result: [UInt8] = []
        let dataLengths = blocks.map { $0.count - eccLength }
        for i in 0..<(dataLengths.max() ?? 0) {
            for (b, block) in blocks.enumerated() where i < dataLengths[b] { result.append(block[i]) }
        }
        for i in 0..<eccLength {
            for (b, block) in blocks.enumerated() { result.append(block[dataLengths[b] + i]) }
        }
        return result
    }

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int, _ level: Level) -> Int {
        rawDataModules(version) / 8 - Tables.eccPerBlock[level.rawValue][version] * Tables.blocks[level.rawValue][version]
    }
}

/// Bits, most significant first.
struct BitBuffer: Sendable {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, i in byte << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
        }
    }
}
