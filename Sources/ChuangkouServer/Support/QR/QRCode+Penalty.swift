extension QRCode.Matrix {
    /// The mask evaluation score of §7.8.3: runs (N1), 2×2 blocks (N2), finder-like patterns (N3), balance (N4).
    var penalty: Int {
        var score = 0
        let lines: [[Bool]] =
            (0..<size).map { y in (0..<size).map { x in self[x, y] } } + (0..<size).map { x in (0..<size).map { y in self[x, y] } }
        let finderLike: [Bool] = [true, false, true, true, true, false, true]
        let light4 = [Bool](repeating: false, count: 4)
        for line in lines {
            var run = 1
            for i in 1...line.count {
                if i < line.count && line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            if line.count >= 11 {
                for i in 0...(line.count - 11) {
                    let window = Array(line[i..<i + 11])
                    if window == finderLike + light4 || window == light4 + finderLike { score += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = self[x, y]
                if self[x + 1, y] == colour && self[x, y + 1] == colour && self[x + 1, y + 1] == colour { score += 3 }
            }
        }
        let darkCount = dark.filter { $0 }.count
        let total = size * size
        score += abs(darkCount * 100 / total - 50) / 5 * 10
        return score
    }
}
