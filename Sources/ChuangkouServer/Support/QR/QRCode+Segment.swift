extension QRCode {
    /// One run of data in a single mode (§7.4.3–7.4.5).
    struct Segment: Sendable, Equatable {
        enum Mode: Int, Sendable {
            case numeric = 1
            case alphanumeric = 2
            case byte = 4

            /// Bits of the character count, by version range 1–9, 10–26, 27–40 (table 3).
            func countBits(_ version: Int) -> Int {
                let column = version <= 9 ? 0 : version <= 26 ? 1 : 2
                switch self {
                case .numeric: return [10, 12, 14][column]
                case .alphanumeric: return [9, 11, 13][column]
                case .byte: return [8, 16, 16][column]
                }
            }
        }

        static let alphanumericSet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

        let mode: Mode
        let bytes: [UInt8]

        init(_ text: String) {
            bytes = Array(text.utf8)
            if !bytes.isEmpty, bytes.allSatisfy({ (48...57).contains($0) }) {
                mode = .numeric
            } else if !bytes.isEmpty, bytes.allSatisfy(Self.alphanumericSet.contains) {
                mode = .alphanumeric
            } else {
                mode = .byte
            }
        }

        private var dataBits: Int {
            switch mode {
            case .numeric: return bytes.count / 3 * 10 + [0, 4, 7][bytes.count % 3]
            case .alphanumeric: return bytes.count / 2 * 11 + bytes.count % 2 * 6
            case .byte: return bytes.count * 8
            }
        }

        /// Mode, count and data; more than the version can hold when the count does not fit its field.
        func bitLength(version: Int) -> Int {
            guard bytes.count < 1 << mode.countBits(version) else { return .max }
            return 4 + mode.countBits(version) + dataBits
        }

        func append(to bits: inout BitBuffer, version: Int) {
            bits.append(mode.rawValue, count: 4)
            bits.append(bytes.count, count: mode.countBits(version))
            switch mode {
            case .numeric:
                for start in stride(from: 0, to: bytes.count, by: 3) {
                    let group = bytes[start..<min(start + 3, bytes.count)]
                    let value = group.reduce(0) { $0 * 10 + Int($1 - 48) }
                    bits.append(value, count: group.count * 3 + 1)
                }
            case .alphanumeric:
                let values = bytes.map { byte in Self.alphanumericSet.firstIndex(of: byte)! }
                for start in stride(from: 0, to: values.count, by: 2) {
                    if start + 1 < values.count {
                        bits.append(values[start] * 45 + values[start + 1], count: 11)
                    } else {
                        bits.append(values[start], count: 6)
                    }
                }
            case .byte:
                for byte in bytes { bits.append(Int(byte), count: 8) }
            }
        }
    }
}
