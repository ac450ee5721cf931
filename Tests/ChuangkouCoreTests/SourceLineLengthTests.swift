import Foundation
import Testing

/// The format rule `.swift-format` states (lineLength 150), held by a test so it cannot drift back: swift-format is
/// not part of `swift test`, and a long line hides its end from a reviewer's side-by-side diff.
@Suite("Source lines stay within 150 columns")
struct SourceLineLengthTests {
    static let limit = 150

    @Test("no line of Sources/ or Tests/ is longer than 150 characters")
    func noLongLines() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var long: [String] = []
        var files = 0
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            let walker = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
            for case let url as URL in walker where url.pathExtension == "swift" {
                files += 1
                let text = try String(contentsOf: url, encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.count > Self.limit {
                    long.append("\(url.path.dropFirst(root.path.count + 1)):\(index + 1) (\(line.count))")
                }
            }
        }
        #expect(files > 100, "the walk found the sources")
        #expect(long.isEmpty, "lines over \(Self.limit) columns: \(long.joined(separator: ", "))")
    }
}
