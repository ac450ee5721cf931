import Foundation

/// Finds guides the way citizens ask for them: by any part of the name, the words they actually use
/// (身份证 for 居民身份证, 驾照 for 驾驶证), or a whole sentence that contains one of those words.
public struct GuideSearch: Sendable {
    /// Groups of words that mean the same business to a citizen. Each group is searched as a whole.
    public static let commonSynonyms: [[String]] = [
        ["身份证", "居民身份证", "二代证"],
        ["临时身份证", "临时居民身份证"],
        ["居住证", "暂住证"],
        ["驾驶证", "驾照", "驾驶执照"],
        ["护照", "普通护照", "出国证件"],
        ["无犯罪记录证明", "无犯罪证明", "无犯罪记录", "良民证"],
        ["公章", "印章", "刻章", "刻制"],
        ["剧毒化学品", "剧毒品", "危化品", "危险化学品"],
        ["补领", "补办", "丢失", "遗失"],
        ["换领", "换证", "到期", "过期"],
    ]

    public struct Query: Sendable, Equatable {
        public var text: String
        public var category: String?
        /// Only 即办件: what can be done on the spot.
        public var immediateOnly: Bool

        public init(text: String = "", category: String? = nil, immediateOnly: Bool = false) {
            self.text = text
            self.category = category
            self.immediateOnly = immediateOnly
        }
    }

    let synonyms: [[String]]

    public init(synonyms: [[String]] = Self.commonSynonyms) {
        self.synonyms = synonyms.map { $0.map(Self.normalized) }
    }

    /// The guides matching the query, in the order given (the catalog's display order).
    public func matches(_ query: Query, in guides: [Guide]) -> [Guide] {
        let text = Self.normalized(query.text)
        return guides.filter { guide in
            if query.immediateOnly && guide.kind != .immediate { return false }
            if let category = query.category, !category.isEmpty, guide.category != category { return false }
            return text.isEmpty || matches(text, guide)
        }
    }

    private func matches(_ text: String, _ guide: Guide) -> Bool {
        let terms = ([guide.name, guide.nameEnglish, guide.category, guide.categoryEnglish] + guide.keywords)
            .map(Self.normalized).filter { !$0.isEmpty }
        // The query is part of a term ("身份" in "居民身份证"), or a term is part of the query ("我要补办身份证").
        for variant in variants(of: text) {
            if terms.contains(where: { $0.contains(variant) || variant.contains($0) }) { return true }
        }
        // A sentence naming a synonym of one of the guide's terms ("驾照到期了" for 驾驶证换证).
        for group in synonyms where group.contains(where: { text.contains($0) }) {
            if terms.contains(where: { term in group.contains(where: { term.contains($0) }) }) { return true }
        }
        return false
    }

    /// The query itself and the query with each synonym it contains swapped for the others in its group.
    private func variants(of text: String) -> [String] {
        var result = [text]
        for group in synonyms {
            for word in group where text.contains(word) {
                for other in group where other != word {
                    result.append(text.replacingOccurrences(of: word, with: other))
                }
            }
        }
        return result
    }

    static func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "·" }.map(Character.init))
    }
}
