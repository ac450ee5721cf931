import ChuangkouCore
import Hummingbird

/// Service guides: every code the API answers with for them.
extension APIError {
    enum GuideCode: String, APIErrorCode {
        case invalid = "guide.invalid"
        case missing = "guide.missing"
        case unknownVersion = "guide.unknown-version"
        case noteRequired = "guide.note-required"
    }

    static let unknownGuideVersion = APIError(.notFound, GuideCode.unknownVersion, "没有此版本的办事指南", "No such version of the guide")
    static let guideNoteRequired = APIError(.unprocessableContent, GuideCode.noteRequired, "请填写修改说明", "Say what changed (note)")

    /// A business whose guide is not there (a case pinned to it cannot be read).
    static func noGuide(_ code: String) -> APIError {
        APIError(.conflict, GuideCode.missing, "事项\(code)没有办事指南", "Business \(code) has no guide")
    }

    /// A guide that may not be published: 422 with every problem, each located where possible.
    init(rejectedGuide problems: [(GuideProblem, Int?)]) {
        self.init(
            .unprocessableContent,
            GuideCode.invalid,
            "办事指南有\(problems.count)处问题, 未发布",
            "The guide has \(problems.count) problem(s) and was not published",
            problems: problems.map { problem, line in
                Problem(problem.messageChinese, problem.messageEnglish, path: problem.path, rule: problem.rule.rawValue, line: line)
            }
        )
    }
}
