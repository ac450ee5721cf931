/// Why an applicant, a checklist or an intake decision was refused. One case per reason, so the server can map each
/// to a status and a stable code.
public enum IntakeError: Error, Equatable, Sendable {
    /// Whose name was blank.
    public enum NameRole: String, Sendable, Codable {
        case applicant
        case legalRepresentative
        case agent
    }

    case blankName(NameRole)
    /// No material at this index in the pinned guide.
    case unknownMaterial(index: Int)
    /// 容缺 is only for materials the guide marks deferrable (never a main material).
    case notDeferrable(material: String)
    /// A main material (主件) concerns every applicant: it cannot be marked not applicable.
    case essentialAlwaysApplies(material: String)
    /// A material marked not applicable needs the officer's reason, since it will not be on any notice.
    case blankNotApplicableReason(material: String)
    case negativeCount
    /// A defective material needs to say what is wrong with it.
    case blankDefect
    /// The outcome is decided only once every material has been checked: a one-time notice must list everything.
    case materialsUnchecked([String])
    /// An organisation's agent may not be accepted for without the authorisation having been seen.
    case authorisationNotSeen
    /// The checklist was built from another guide (or another version of it) than the one deciding.
    case checklistFromAnotherGuide
}

extension IntakeError {
    public var chinese: String {
        switch self {
        case .blankName(.applicant): "申请人名称不能为空"
        case .blankName(.legalRepresentative): "法定代表人姓名不能为空"
        case .blankName(.agent): "经办人姓名不能为空"
        case .unknownMaterial(let index): "办事指南中没有第\(index + 1)项材料"
        case .notDeferrable(let material): "「\(material)」不在容缺受理材料清单内"
        case .essentialAlwaysApplies(let material): "「\(material)」是主件，不能标记为不适用"
        case .blankNotApplicableReason(let material): "请写明「\(material)」不适用的理由"
        case .negativeCount: "份数不能为负数"
        case .blankDefect: "请写明材料存在的问题"
        case .materialsUnchecked(let names): "尚有材料未核验：" + names.joined(separator: "、")
        case .authorisationNotSeen: "尚未查验经办人的单位介绍信或者授权委托书"
        case .checklistFromAnotherGuide: "材料清单与所依据的办事指南版本不一致"
        }
    }

    public var english: String {
        switch self {
        case .blankName(.applicant): "the applicant's name is blank"
        case .blankName(.legalRepresentative): "the legal representative's name is blank"
        case .blankName(.agent): "the agent's name is blank"
        case .unknownMaterial(let index): "the guide has no material number \(index + 1)"
        case .notDeferrable(let material): "\(material) is not on the guide's deferrable (容缺) list"
        case .essentialAlwaysApplies(let material): "\(material) is a main material and always applies"
        case .blankNotApplicableReason(let material): "say why \(material) does not apply"
        case .negativeCount: "a number of originals or copies cannot be negative"
        case .blankDefect: "say what is wrong with the material"
        case .materialsUnchecked(let names): "materials not yet checked: " + names.joined(separator: ", ")
        case .authorisationNotSeen: "the agent's letter of authorisation has not been seen"
        case .checklistFromAnotherGuide: "the checklist was built from another version of the guide"
        }
    }
}
