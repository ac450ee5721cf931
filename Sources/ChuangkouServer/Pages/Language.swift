import Hummingbird

/// The page language: Chinese first, English on request (`?lang=en`, remembered in a cookie).
enum Language: String, Sendable {
    case chinese = "zh-CN"
    case english = "en"

    static func of(_ request: Request) -> Language {
        if let query = request.uri.queryParameters.get("lang") {
            return query.hasPrefix("en") ? .english : .chinese
        }
        if let cookie = request.cookies["lang"]?.value {
            return cookie.hasPrefix("en") ? .english : .chinese
        }
        return .chinese
    }

    var other: Language { self == .chinese ? .english : .chinese }
    var switchLabel: String { self == .chinese ? "English" : "中文" }
    var code: String { self == .chinese ? "zh" : "en" }

    /// Picks the text (or texts) for this language.
    func pick<Value>(_ chinese: Value, _ english: Value) -> Value {
        self == .chinese ? chinese : english
    }
}
