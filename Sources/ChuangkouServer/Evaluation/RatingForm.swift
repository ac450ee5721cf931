import ChuangkouCore

/// The faces and indicators every citizen-facing rating screen shows (the status page, the ticket page, the rating
/// pad), built once per language; the templates `rating-faces` and `rating-indicators` render it.
struct RatingForm: Sendable {
    struct Face: Sendable {
        let level: Int
        let label: String
        /// The mouth of the face, an SVG path in a 64 × 64 box: a wide smile at 5, a deep frown at 1.
        let mouth: String
    }
    struct Indicator: Sendable {
        let key: String
        let label: String
        let scores: [Int]
    }
    let faces: [Face]
    let indicators: [Indicator]

    static func make(_ language: Language) -> RatingForm {
        RatingForm(
            faces: Satisfaction.allCases.reversed().map { level in
                Face(level: level.rawValue, label: language.pick(level.label, level.labelEnglish), mouth: mouths[level.rawValue - 1])
            },
            indicators: RatingIndicator.allCases.map {
                .init(key: $0.rawValue, label: language.pick($0.label, $0.labelEnglish), scores: [1, 2, 3, 4, 5])
            }
        )
    }

    static let mouths = ["M18 48 Q32 34 46 48", "M20 46 Q32 39 44 46", "M20 44 L44 44", "M20 41 Q32 49 44 41", "M17 39 Q32 55 47 39"]

    /// The words of the rating screens.
    static let texts: [String: (String, String)] = [
        "rateTitle": ("请您评价本次服务", "Please rate this service"),
        "rateIndicators": ("分项评价（可选，1至5分）", "In detail (optional, 1 to 5)"),
        "rateComment": ("意见建议（可选）", "Comments (optional)"),
        "rateContact": ("联系电话（可选，用于回访）", "Phone (optional, for a call back)"),
        "rateSubmit": ("提交评价", "Submit"),
        "rateThanks": ("感谢您的评价！", "Thank you for your rating!"),
        "rateDone": ("您已评价过，评价不能修改。", "You have rated this already; a rating cannot be changed."),
        "rateClosed": ("已超过评价期限（办结后{n}日内）。", "The time to rate has passed ({n} days after the service)."),
        "rateUntil": ("可在 {date} 前评价", "You may rate until {date}"),
        "rateBad": ("我们会尽快核实处理，并回访您。", "We will look into it and call you back."),
    ]
}
