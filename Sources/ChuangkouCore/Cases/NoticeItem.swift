/// One line of a 一次性告知书 or a 容缺受理通知书: a material of the pinned guide, what is wrong with it, and what the
/// applicant must bring (originals, copies, form), as 行政许可法 Art. 32 asks ("补正的全部内容").
///
/// An item is identified by its material's position in the pinned guide (`index`); the name and requirements are
/// copied so the notice reads the same after the guide changes.
public struct NoticeItem: Sendable, Equatable, Codable {
    public enum Problem: Sendable, Equatable, Codable {
        case missing
        /// Handed in but not in legal form, with what is wrong (e.g. 复印件未加盖公章).
        case defective(reason: String)
        /// Handed in, but fewer than the guide asks: how many originals and copies are still owed.
        case short(originals: Int, copies: Int)
    }

    /// Position of the material in the pinned guide's `materials`.
    public let index: Int
    public let material: String
    public let problem: Problem
    /// What the guide requires.
    public let originals: Int
    public let copies: Int
    public let form: Guide.Material.Form
    public let notes: String?
    /// On the guide's 容缺 list: may be supplied after acceptance under a signed commitment.
    public let deferrable: Bool

    public init(index: Int, material: Guide.Material, problem: Problem) {
        self.index = index
        self.material = material.name
        self.problem = problem
        self.originals = material.originals
        self.copies = material.copies
        self.form = material.form
        self.notes = material.notes
        self.deferrable = material.deferrable
    }

    /// The item for material `index` of `guide`.
    public init(index: Int, of guide: Guide, problem: Problem) throws(IntakeError) {
        guard guide.materials.indices.contains(index) else { throw .unknownMaterial(index: index) }
        self.init(index: index, material: guide.materials[index], problem: problem)
    }
}

extension NoticeItem {
    /// 营业执照复印件：未提交。须提交原件1份、复印件1份（纸质）。
    public var chinese: String {
        let what: String
        switch problem {
        case .missing: what = "未提交"
        case .defective(let reason): what = "存在问题：\(reason)"
        case .short(let originals, let copies): what = "份数不足，尚缺" + Self.countsChinese(originals, copies)
        }
        let required = Self.countsChinese(originals, copies)
        let form = "（\(self.form.label)）"
        let deferral = deferrable ? "本项可容缺后补。" : ""
        return "\(material)：\(what)。须提交\(required)\(form)。" + deferral
    }

    public var english: String {
        let what: String
        switch problem {
        case .missing: what = "not handed in"
        case .defective(let reason): what = "defective: \(reason)"
        case .short(let originals, let copies): what = "incomplete, still owed " + Self.countsEnglish(originals, copies)
        }
        let deferral = deferrable ? " May be supplied later (容缺)." : ""
        return "\(material): \(what). Required: \(Self.countsEnglish(originals, copies)) (\(form.labelEnglish))."
            + deferral
    }

    private static func countsChinese(_ originals: Int, _ copies: Int) -> String {
        let parts = [originals > 0 ? "原件\(originals)份" : nil, copies > 0 ? "复印件\(copies)份" : nil].compactMap { $0 }
        return parts.isEmpty ? "原件" : parts.joined(separator: "、")
    }

    private static func countsEnglish(_ originals: Int, _ copies: Int) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let parts = [originals > 0 ? plural(originals, "original") : nil, copies > 0 ? plural(copies, "copy") : nil]
            .compactMap { $0 }
        return parts.isEmpty ? "the original" : parts.joined(separator: " and ")
    }
}

extension Guide.Material.Form {
    public var label: String {
        switch self {
        case .paper: "纸质"
        case .electronic: "电子"
        case .either: "纸质或电子"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .paper: "paper"
        case .electronic: "electronic"
        case .either: "paper or electronic"
        }
    }
}
