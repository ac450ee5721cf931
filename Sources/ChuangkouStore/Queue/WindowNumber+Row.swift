import ChuangkouCore
import SQLKit

extension SQLRow {
    /// A stored window number, or nil for none; a number outside 1–999 makes the row unreadable, never a trap.
    func decodeWindow(column: String) throws -> WindowNumber? {
        guard let number = try decode(column: column, as: Int?.self) else { return nil }
        guard let window = WindowNumber(number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) \(number) is not a window number"))
        }
        return window
    }
}
