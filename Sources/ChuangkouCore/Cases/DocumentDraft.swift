import Foundation

/// A document about to be issued: everything it will say, frozen now, except its number, which the store draws in
/// the same transaction. All the wording of the case's documents (titles, bodies, remedies) is in this file.
public struct DocumentDraft: Sendable, Equatable {
    public let kind: DocumentKind
    /// The officer who issues it (their name and 警号 are printed).
    public let issuedBy: Badge
    /// What it says; `number` is empty until the store gives it one.
    public var facts: DocumentFacts

    /// The facts every document prints (the unit, the officer, both supervision phones, the query code, the applicant
    /// masked), then the kind's own.
    init(_ kind: DocumentKind, _ file: CaseFile, guide: Guide, by officer: Officer, _ today: Today, _ fill: (inout DocumentFacts) -> Void) {
        self.kind = kind
        issuedBy = officer.badge
        var agentName: String?
        var agentIdentifier: String?
        if case .organisation(_, _, _, let agent) = file.applicant {
            agentName = agent.name
            agentIdentifier = agent.idNumber.masked
        }
        facts = DocumentFacts(
            title: kind.title,
            titleEnglish: kind.titleEnglish,
            number: "",
            issuedOn: today.date,
            unit: today.hall.name,
            unitAddress: today.hall.address,
            officerName: officer.name,
            officerBadge: officer.badge.value,
            supervisionPhones: [Hall.nationalSupervisionPhone, today.hall.supervisionPhone],
            queryCode: file.queryCode,
            business: guide.name,
            guideVersion: file.guide.version,
            applicantName: file.applicant.name,
            applicantIdentifier: file.applicant.printedIdentifier,
            phoneMasked: file.applicant.phone.masked,
            agentName: agentName,
            agentIdentifier: agentIdentifier,
            receivedOn: file.receivedOn,
            acceptedOn: file.acceptedOn,
            deemed: file.deemed,
            promisedDue: nil,
            statutoryDue: nil,
            supplementDue: file.deferral?.due,
            items: [],
            reason: nil,
            legalBasis: [],
            remedies: [],
            paragraphs: [],
            fields: []
        )
        fill(&facts)
    }

    /// The applicant's remedies, printed on every refusal (不予受理, 不予许可, 终止办理; RULES §5).
    public static let remedies = [
        "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议；",
        "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。",
    ]

    /// A guide's legal basis as documents cite it: 《law》article.
    static func legalBasis(of guide: Guide) -> [String] {
        guide.legalBasis.map { "《\($0.law)》\($0.article)" }
    }

    /// The business fields, personal numbers masked, in the guide's order.
    static func fieldLines(_ file: CaseFile, _ guide: Guide) -> [DocumentFacts.Field] {
        guide.fields.compactMap { field in
            file.fields[field.key].map { DocumentFacts.Field(label: field.label, value: Masking.maskPersonalNumbers(in: $0)) }
        }
    }

    // MARK: The documents

    /// 办结通知书: a 即办件 finished on the spot; it is also the receipt.
    static func completionReceipt(_ file: CaseFile, guide: Guide, by officer: Officer, _ today: Today) -> DocumentDraft {
        DocumentDraft(.completionReceipt, file, guide: guide, by: officer, today) { facts in
            facts.acceptedOn = today.date
            facts.fields = fieldLines(file, guide)
            facts.paragraphs = [
                "您申请办理的「\(guide.name)」材料齐全、符合法定形式，已当场办结。",
                "本通知书同时作为办结回执。",
            ]
        }
    }

    /// 一次性告知书: every missing or defective item at once (行政许可法 第三十二条).
    static func oneTimeNotice(_ file: CaseFile, items: [NoticeItem], guide: Guide, by officer: Officer, _ today: Today) -> DocumentDraft {
        DocumentDraft(.oneTimeNotice, file, guide: guide, by: officer, today) { facts in
            facts.items = items.map(\.chinese)
            facts.paragraphs = [
                "您于\(file.receivedOn)提交的「\(guide.name)」申请材料不齐全或者不符合法定形式。"
                    + "依照《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容如下。",
                "请按本告知书补齐材料后到窗口办理；补齐后自补齐之日起受理。本告知书以外的材料，"
                    + "窗口不得再要求提交。",
            ]
        }
    }

    /// 受理通知书 (also for deemed acceptance) or 容缺受理通知书, with both due dates.
    static func acceptance(
        _ file: CaseFile,
        from day: LocalDate,
        status: DeadlineClock.Status,
        guide: Guide,
        by officer: Officer,
        _ today: Today
    ) -> DocumentDraft {
        DocumentDraft(file.deferral == nil ? .acceptanceNotice : .deferralNotice, file, guide: guide, by: officer, today) { facts in
            facts.acceptedOn = day
            facts.deemed = file.deemed
            facts.promisedDue = status.promisedDue
            facts.statutoryDue = status.statutoryDue
            facts.fields = fieldLines(file, guide)
            var paragraphs = ["您申请办理的「\(guide.name)」，经审查，申请材料齐全、符合法定形式，决定予以受理。"]
            if file.deemed {
                paragraphs = [
                    "您于\(file.receivedOn)提交的「\(guide.name)」申请，"
                        + "本机关未在五个工作日内一次性告知需要补正的内容。"
                        + "依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日（\(file.receivedOn)）"
                        + "起即为受理。"
                ]
            }
            if let deferral = file.deferral {
                facts.items = deferral.items.map(\.chinese)
                facts.supplementDue = deferral.due
                paragraphs = [
                    "您申请办理的「\(guide.name)」，主要申请材料齐全，以下次要材料暂缺。"
                        + "您已签署容缺受理承诺书，本机关决定予以容缺受理。",
                    "请于\(deferral.due)前补齐下列材料；逾期未补齐的，本机关将终止办理。",
                ]
            }
            paragraphs.append(
                "承诺办结日期：\(status.promisedDue)；法定办结期限届满日："
                    + "\(status.statutoryDue)（按工作日计算）。"
            )
            facts.paragraphs = paragraphs
        }
    }

    /// 不予受理通知书, with the reason, the legal basis and the remedies.
    static func refusal(_ file: CaseFile, guide: Guide, by officer: Officer, _ today: Today) -> DocumentDraft {
        DocumentDraft(.refusalNotice, file, guide: guide, by: officer, today) { facts in
            facts.reason = file.decision?.reason
            facts.legalBasis = file.decision?.legalBasis ?? []
            facts.remedies = remedies
            facts.paragraphs = ["您于\(file.receivedOn)提交的「\(guide.name)」申请，经审查，决定不予受理。理由如下。"]
        }
    }

    /// 一次性告知书（更正）: the items the notice left out, approved by the duty leader, with an apology.
    static func correction(_ file: CaseFile, items: [NoticeItem], guide: Guide, by leader: Officer, _ today: Today) -> DocumentDraft {
        DocumentDraft(.noticeCorrection, file, guide: guide, by: leader, today) { facts in
            facts.items = items.map(\.chinese)
            facts.reason = file.ledger.corrections.last?.reason
            facts.paragraphs = [
                "本机关于\(file.ledger.notice?.issuedOn.description ?? "")出具的一次性告知书遗漏了下列材料，"
                    + "经值班领导批准，现予更正。"
                    + "由此给您带来的不便，我们深表歉意。"
            ]
        }
    }

    /// 准予 or 不予行政许可决定书.
    static func decision(_ file: CaseFile, guide: Guide, by officer: Officer, _ today: Today) -> DocumentDraft {
        let granted = file.decision?.granted == true
        return DocumentDraft(granted ? .grantDecision : .denialDecision, file, guide: guide, by: officer, today) { facts in
            facts.fields = fieldLines(file, guide)
            facts.legalBasis = file.decision?.legalBasis ?? []
            let accepted = file.acceptedOn?.description ?? ""
            if granted {
                facts.paragraphs = [
                    "您于\(accepted)受理的「\(guide.name)」申请，经审查，符合法定条件、标准。依照下列规定，"
                        + "决定准予行政许可。",
                    "请凭本决定书和查询码领取证件；依照《中华人民共和国行政许可法》第四十四条，"
                        + "证件自本决定作出之日起十个工作日内颁发。",
                ]
            } else {
                facts.reason = file.decision?.reason
                facts.remedies = remedies
                facts.paragraphs = ["您于\(accepted)受理的「\(guide.name)」申请，经审查，决定不予行政许可。理由如下。"]
            }
        }
    }

    /// 终止办理通知书: the 容缺 items did not arrive by the date the applicant committed to.
    static func termination(_ file: CaseFile, deferral: Deferral, guide: Guide, by officer: Officer, _ today: Today) -> DocumentDraft {
        DocumentDraft(.terminationNotice, file, guide: guide, by: officer, today) { facts in
            facts.items = deferral.outstanding.map(\.chinese)
            facts.supplementDue = deferral.due
            facts.reason = "容缺受理承诺的材料未在\(deferral.due)前补齐"
            facts.remedies = remedies
            facts.paragraphs = [
                "您于\(file.acceptedOn?.description ?? "")容缺受理的「\(guide.name)」申请，承诺补齐的材料逾期未提交。"
                    + "依照容缺受理承诺，本机关决定终止办理。"
            ]
        }
    }
}

extension DocumentKind {
    public var title: String {
        switch self {
        case .acceptanceNotice: "受理通知书"
        case .completionReceipt: "办结通知书"
        case .oneTimeNotice: "一次性告知书"
        case .noticeCorrection: "一次性告知书（更正）"
        case .deferralNotice: "容缺受理通知书"
        case .refusalNotice: "不予受理通知书"
        case .grantDecision: "准予行政许可决定书"
        case .denialDecision: "不予行政许可决定书"
        case .terminationNotice: "终止办理通知书"
        }
    }

    public var titleEnglish: String {
        switch self {
        case .acceptanceNotice: "Notice of acceptance"
        case .completionReceipt: "Notice of completion"
        case .oneTimeNotice: "One-time notice of missing materials"
        case .noticeCorrection: "Correction of the one-time notice"
        case .deferralNotice: "Notice of acceptance with deferred materials"
        case .refusalNotice: "Notice of non-acceptance"
        case .grantDecision: "Decision granting the licence"
        case .denialDecision: "Decision refusing the licence"
        case .terminationNotice: "Notice of termination"
        }
    }
}
