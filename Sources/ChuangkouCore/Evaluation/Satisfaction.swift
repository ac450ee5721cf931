/// The five levels of a rating (好差评, RULES §6). 差评 is 1 or 2.
public enum Satisfaction: Int, Sendable, Codable, CaseIterable, Comparable {
    case veryDissatisfied = 1
    case dissatisfied = 2
    case fairlySatisfied = 3
    case satisfied = 4
    case verySatisfied = 5

    /// 差评: the rating opens a rectification item (整改) at once.
    public var isBad: Bool { rawValue <= 2 }

    public var label: String {
        switch self {
        case .verySatisfied: "非常满意"
        case .satisfied: "满意"
        case .fairlySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .veryDissatisfied: "非常不满意"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .verySatisfied: "Very satisfied"
        case .satisfied: "Satisfied"
        case .fairlySatisfied: "Fairly satisfied"
        case .dissatisfied: "Dissatisfied"
        case .veryDissatisfied: "Very dissatisfied"
        }
    }

    public static func < (a: Satisfaction, b: Satisfaction) -> Bool { a.rawValue < b.rawValue }
}

/// The optional offline indicators of a rating, each scored 1–5 (RULES §6).
public enum RatingIndicator: String, Sendable, Codable, CaseIterable {
    /// 整体满意度
    case overall
    /// 服务效率
    case efficiency
    /// 服务水平
    case competence
    /// 服务态度
    case attitude

    public var label: String {
        switch self {
        case .overall: "整体满意度"
        case .efficiency: "服务效率"
        case .competence: "服务水平"
        case .attitude: "服务态度"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .overall: "Overall"
        case .efficiency: "Efficiency"
        case .competence: "Competence"
        case .attitude: "Attitude"
        }
    }
}
