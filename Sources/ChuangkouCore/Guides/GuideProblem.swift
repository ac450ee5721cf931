import Foundation

/// One thing wrong with a guide or a catalog, located by its path in the guide (`materials[2].deferrable`).
///
/// The same problems come back from the YAML loader (which turns the path into a file and line), from the
/// admin API and from the admin page, so each rule is written once, here.
public struct GuideProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable, Equatable {
        case unknownKey
        case duplicateKey
        case syntax
        case missing
        case wrongType
        case invalidValue
        case outOfRange
        case empty
        case promisedExceedsStatutory
        case immediateTakesNoDays
        case deferrableEssential
        case duplicateCode
        case duplicatePrefix
        case duplicateFieldKey
        case codeDoesNotMatchFile
    }

    public var path: String
    public var rule: Rule
    /// The offending value or the expected form, when it helps the reader.
    public var detail: String?

    public init(_ path: String, _ rule: Rule, _ detail: String? = nil) {
        self.path = path
        self.rule = rule
        self.detail = detail
    }

    public var messageChinese: String {
        let what: String
        switch rule {
        case .unknownKey: what = "未知字段"
        case .duplicateKey: what = "字段重复"
        case .syntax: what = "YAML格式错误"
        case .missing: what = "缺少必填字段"
        case .wrongType: what = "类型不正确"
        case .invalidValue: what = "取值无效"
        case .outOfRange: what = "数值超出范围"
        case .empty: what = "不能为空"
        case .promisedExceedsStatutory: what = "承诺时限不得长于法定时限"
        case .immediateTakesNoDays: what = "即办件的承诺时限应为0个工作日"
        case .deferrableEssential: what = "主件材料不得列为容缺材料"
        case .duplicateCode: what = "事项编码重复"
        case .duplicatePrefix: what = "取号字母重复"
        case .duplicateFieldKey: what = "受理字段重复"
        case .codeDoesNotMatchFile: what = "事项编码与文件名不一致"
        }
        return "\(path)：\(what)" + (detail.map { "（\($0)）" } ?? "")
    }

    public var messageEnglish: String {
        let what: String
        switch rule {
        case .unknownKey: what = "unknown key"
        case .duplicateKey: what = "key given twice"
        case .syntax: what = "YAML syntax error"
        case .missing: what = "required field is missing"
        case .wrongType: what = "wrong type"
        case .invalidValue: what = "invalid value"
        case .outOfRange: what = "number out of range"
        case .empty: what = "must not be empty"
        case .promisedExceedsStatutory: what = "the promised limit is longer than the statutory one"
        case .immediateTakesNoDays: what = "an immediate item promises 0 working days"
        case .deferrableEssential: what = "an essential material cannot be deferrable (容缺)"
        case .duplicateCode: what = "duplicate business code"
        case .duplicatePrefix: what = "duplicate ticket prefix"
        case .duplicateFieldKey: what = "duplicate intake field key"
        case .codeDoesNotMatchFile: what = "the code does not match the file name"
        }
        return "\(path): \(what)" + (detail.map { " (\($0))" } ?? "")
    }

    public var description: String { messageEnglish }
}

extension Guide {
    /// Every rule a single guide must keep, beyond the shape the loader already checked.
    /// Empty means the guide may be published.
    public func problems() -> [GuideProblem] {
        var found: [GuideProblem] = []
        func nonEmpty(_ text: String, _ path: String) {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append(GuideProblem(path, .empty)) }
        }
        nonEmpty(name, "name")
        nonEmpty(nameEnglish, "nameEnglish")
        nonEmpty(category, "category")
        nonEmpty(categoryEnglish, "categoryEnglish")
        nonEmpty(officeHours, "officeHours")
        nonEmpty(consultationPhone, "consultationPhone")
        nonEmpty(supervisionPhone, "supervisionPhone")
        nonEmpty(location.windowGroup, "location.windowGroup")
        nonEmpty(location.floor, "location.floor")
        nonEmpty(fee.basis, "fee.basis")
        if let restriction = applicantRestriction { nonEmpty(restriction, "applicantRestriction") }
        if !(1...240).contains(typicalServiceMinutes) {
            found.append(GuideProblem("typicalServiceMinutes", .outOfRange, "1–240"))
        }
        for (list, path) in [
            (conditions.isEmpty, "conditions"), (materials.isEmpty, "materials"),
            (steps.isEmpty, "steps"), (legalBasis.isEmpty, "legalBasis"),
        ] where list {
            found.append(GuideProblem(path, .empty))
        }
        for (index, condition) in conditions.enumerated() { nonEmpty(condition, "conditions[\(index)]") }
        for (index, material) in materials.enumerated() {
            let path = "materials[\(index)]"
            nonEmpty(material.name, "\(path).name")
            if material.originals < 0 { found.append(GuideProblem("\(path).originals", .outOfRange, "≥ 0")) }
            if material.copies < 0 { found.append(GuideProblem("\(path).copies", .outOfRange, "≥ 0")) }
            if material.essential && material.deferrable {
                found.append(GuideProblem("\(path).deferrable", .deferrableEssential, material.name))
            }
        }
        for (index, step) in steps.enumerated() {
            nonEmpty(step.name, "steps[\(index)].name")
            nonEmpty(step.description, "steps[\(index)].description")
        }
        for (index, basis) in legalBasis.enumerated() {
            nonEmpty(basis.law, "legalBasis[\(index)].law")
            nonEmpty(basis.article, "legalBasis[\(index)].article")
        }
        if limits.statutoryWorkingDays < 0 || limits.statutoryWorkingDays > 366 {
            found.append(GuideProblem("limits.statutoryWorkingDays", .outOfRange, "0–366"))
        }
        if limits.promisedWorkingDays < 0 {
            found.append(GuideProblem("limits.promisedWorkingDays", .outOfRange, "≥ 0"))
        } else if limits.promisedWorkingDays > limits.statutoryWorkingDays {
            found.append(
                GuideProblem(
                    "limits.promisedWorkingDays",
                    .promisedExceedsStatutory,
                    "\(limits.promisedWorkingDays) > \(limits.statutoryWorkingDays)"
                )
            )
        }
        if kind == .immediate && limits.promisedWorkingDays != 0 {
            found.append(GuideProblem("limits.promisedWorkingDays", .immediateTakesNoDays))
        }
        if fee.amount < 0 { found.append(GuideProblem("fee.amount", .outOfRange, "≥ 0")) }
        var keys: Set<String> = []
        for (index, field) in fields.enumerated() {
            let path = "fields[\(index)]"
            nonEmpty(field.label, "\(path).label")
            if !Self.isFieldKey(field.key) {
                found.append(GuideProblem("\(path).key", .invalidValue, "lowerCamelCase ASCII"))
            } else if !keys.insert(field.key).inserted {
                found.append(GuideProblem("\(path).key", .duplicateFieldKey, field.key))
            }
        }
        return found
    }

    static func isFieldKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, (97...122).contains(first), key.utf8.count <= 40 else { return false }
        return key.utf8.allSatisfy { (97...122).contains($0) || (65...90).contains($0) || (48...57).contains($0) }
    }
}

/// Rules across guides: a code or a ticket prefix names one business only.
public enum CatalogRules {
    /// Problems of a whole catalog, each with the index of the guide it belongs to.
    public static func problems(_ guides: [Guide]) -> [(index: Int, problem: GuideProblem)] {
        var found: [(Int, GuideProblem)] = []
        var codes: [BusinessCode: Int] = [:]
        var prefixes: [TicketPrefix: Int] = [:]
        for (index, guide) in guides.enumerated() {
            found += guide.problems().map { (index, $0) }
            if let first = codes[guide.code] {
                found.append((index, GuideProblem("code", .duplicateCode, "\(guide.code) = #\(first + 1)")))
            } else {
                codes[guide.code] = index
            }
            if let first = prefixes[guide.prefix] {
                found.append((index, GuideProblem("prefix", .duplicatePrefix, "\(guide.prefix) = \(guides[first].code)")))
            } else {
                prefixes[guide.prefix] = index
            }
        }
        return found
    }
}
