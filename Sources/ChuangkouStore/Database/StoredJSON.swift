import Foundation

/// An aggregate kept as one JSON column (rectifications, complaints): written and read the same way everywhere, and a
/// row that no longer decodes is a corrupt row of its table, never a crash.
enum StoredJSON {
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func value<T: Decodable>(_ type: T.Type, _ text: String, table: String, id: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corruptRow(table: table, id: id)
        }
    }
}
