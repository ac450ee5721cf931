extension QRCode {
    /// The module grid while a symbol is drawn: which modules are dark and which belong to function patterns.
    struct Matrix: Sendable {
        let version: Int
        let size: Int
        var dark: [Bool]
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            dark = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
        }

        subscript(x: Int, y: Int) -> Bool {
            get { dark[y * size + x] }
            set { dark[y * size + x] = newValue }
        }

        private mutating func setFunction(_ x: Int, _ y: Int, _ isDark: Bool) {
            self[x, y] = isDark
            isFunction[y * size + x] = true
        }

        /// Finder, separators, timing, alignment, the dark module, and reserved format and version areas (§6.3).
        mutating func drawFunctionPatterns(level: Level) {
            for i in 0..<size {
                setFunction(6, i, i % 2 == 0)
                setFunction(i, 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                        let distance = max(abs(dx), abs(dy))
                        setFunction(x + dx, y + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let centres = Self.alignmentCentres(version)
            for (i, cx) in centres.enumerated() {
                for (j, cy) in centres.enumerated() {
                    let last = centres.count - 1
                    // The three corners hold finder patterns.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormatBits(level: level, mask: 0)
            drawVersionBits()
        }

        /// Alignment pattern centres on each axis (Annex E): 6, evenly spaced steps, and size − 7.
        static func alignmentCentres(_ version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            let size = version * 4 + 17
            return [6] + (1..<count).map { size - 7 - (count - 1 - $0) * step }
        }

        /// The 15 format bits: level and mask, BCH(15,5) with generator 0x537, then XOR 0x5412 (§7.9).
        static func formatBits(level: Level, mask: Int) -> Int {
            let data = level.formatBits << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            return (data << 10 | remainder) ^ 0x5412
        }

        /// The 18 version bits for versions 7 and up: BCH(18,6) with generator 0x1F25 (§7.10).
        static func versionBits(_ version: Int) -> Int {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            return version << 12 | remainder
        }

        mutating func drawFormatBits(level: Level, mask: Int) {
            let bits = Self.formatBits(level: level, mask: mask)
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { setFunction(8, i, bit(i)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
            for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
            setFunction(8, size - 8, true)
        }

        mutating func drawVersionBits() {
            guard version >= 7 else { return }
            let bits = Self.versionBits(version)
            for i in 0..<18 {
                let isDark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3
                let b = i / 3
                setFunction(a, b, isDark)
                setFunction(b, a, isDark)
            }
        }

        /// Places the codewords in two-module columns, zig-zagging up and down from the right (§7.7.3).
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !isFunction[y * size + x], index < codewords.count * 8 else { continue }
                        self[x, y] = (codewords[index >> 3] >> UInt8(7 - index & 7)) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        static func maskApplies(_ mask: Int, x: Int, y: Int) -> Bool {
            switch mask {
            case 0: return (x + y) % 2 == 0
            case 1: return y % 2 == 0
            case 2: return x % 3 == 0
            case 3: return (x + y) % 3 == 0
            case 4: return (x / 3 + y / 2) % 2 == 0
            case 5: return x * y % 2 + x * y % 3 == 0
            case 6: return (x * y % 2 + x * y % 3) % 2 == 0
            default: return ((x + y) % 2 + x * y % 3) % 2 == 0
            }
        }

        /// A copy with the data modules masked and the format bits for that mask drawn.
        func masked(_ mask: Int, level: Level) -> Matrix {
            var copy = self
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] && Self.maskApplies(mask, x: x, y: y) {
                    copy[x, y].toggle()
                }
            }
            copy.drawFormatBits(level: level, mask: mask)
            return copy
        }
    }
}
