import ChuangkouCore
import ChuangkouStore
import Foundation

/// What a complaint's routes accept.
enum ComplaintRequests {
    /// `{"subject": {"kind": "officer", "badge": "010231"}, "text": "…", "ticket": "…", "case": "…", "phone": "139…",
    /// "channel": "hall" | "phone" | "phone12389", "transferNumber": "…"}`. Without `phone` the complaint is
    /// anonymous. The public form sends no channel (it is `online`) and may name no case: citizens never see case ids.
    struct File: Decodable {
        struct Subject: Decodable {
            let kind: String
            let badge: String?
            let window: Int?
            let business: String?
            let `case`: String?
        }

        let subject: Subject
        let text: String
        let ticket: String?
        let `case`: String?
        let phone: String?
        let channel: String?
        let transferNumber: String?

        func filing(by officer: Officer?) throws -> (Complaint.Filing, MobileNumber?) {
            let channel: Complaint.Channel
            if officer != nil {
                guard let named = Complaint.Channel(rawValue: self.channel ?? "hall"), named.isTakenByStaff else {
                    throw APIError.complaintRequest("工作人员登记的投诉：channel 应为 hall、phone 或 phone12389", "Staff record hall, phone or phone12389")
                }
                channel = named
            } else {
                guard self.channel == nil || self.channel == "online" else {
                    throw APIError.complaintRequest("网上投诉无需填写 channel", "The public form sends no channel")
                }
                guard self.case == nil, subject.case == nil else {
                    throw APIError.complaintRequest("网上投诉不能指定办件编号，请注明事项或窗口", "The public form names no case id")
                }
                channel = .online
            }
            let ticket = try ticket.map { text -> TicketID in
                guard let id = TicketID(text) else { throw APIError.complaintRequest("号票编号有误", "ticket is a ticket id") }
                return id
            }
            let caseFile = try self.case.map { text -> CaseID in
                guard let id = CaseID(text) else { throw APIError.complaintRequest("办件编号有误", "case is a case id") }
                return id
            }
            var phoneNumber: MobileNumber?
            if let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let number = MobileNumber(phone) else { throw APIError.complaintBadContact }
                phoneNumber = number
            }
            let filing = Complaint.Filing(
                channel: channel,
                recordedBy: officer?.badge,
                subject: try subjectValue(),
                text: text,
                ticket: ticket,
                caseFile: caseFile,
                hasContact: phoneNumber != nil,
                transferNumber: transferNumber
            )
            return (filing, phoneNumber)
        }

        func subjectValue() throws -> Complaint.Subject {
            switch subject.kind {
            case "officer":
                guard let badge = subject.badge.flatMap(Badge.init) else {
                    throw APIError.complaintRequest("被投诉民警的警号应为6位数字", "subject.badge is a six-digit badge")
                }
                return .officer(badge)
            case "window":
                guard let window = subject.window else { throw APIError.complaintRequest("请填写窗口号", "subject.window is required") }
                guard let number = WindowNumber(window) else { throw APIError.complaintBadWindow }
                return .window(number)
            case "business":
                guard let code = subject.business.flatMap(BusinessCode.init) else {
                    throw APIError.complaintRequest("事项代码有误", "subject.business is a business code")
                }
                return .business(code)
            case "case":
                guard let id = subject.case.flatMap(CaseID.init) else { throw APIError.complaintRequest("办件编号有误", "subject.case is a case id") }
                return .caseFile(id)
            case "hall": return .hall
            default:
                throw APIError.complaintRequest(
                    "投诉对象应为 officer、window、business、case 或 hall",
                    "subject.kind is officer, window, business, case or hall"
                )
            }
        }
    }

    struct Handler: Decodable {
        let handler: String

        var badge: Badge {
            get throws {
                guard let badge = Badge(handler) else { throw APIError.complaintRequest("承办人警号应为6位数字", "handler is a six-digit badge") }
                return badge
            }
        }
    }

    struct Note: Decodable {
        let text: String
    }

    struct Extension: Decodable {
        let days: Int
        let reason: String
    }

    /// `{"text": "…", "finding": "substantiated" | "partlySubstantiated" | "unsubstantiated", "against": "010231"}`.
    struct Answer: Decodable {
        let text: String
        let finding: String?
        let against: String?

        var parsed: (Complaint.Finding?, Badge?) {
            get throws {
                let finding = try finding.map { text -> Complaint.Finding in
                    guard let value = Complaint.Finding(rawValue: text) else {
                        throw APIError.complaintRequest(
                            "查实情况应为 substantiated、partlySubstantiated 或 unsubstantiated",
                            "finding is substantiated, partlySubstantiated or unsubstantiated"
                        )
                    }
                    return value
                }
                let against = try against.map { text -> Badge in
                    guard let badge = Badge(text) else { throw APIError.complaintRequest("警号应为6位数字", "against is a six-digit badge") }
                    return badge
                }
                return (finding, against)
            }
        }
    }

    struct Query: Decodable {
        let code: String
        let phoneLast4: String
    }

    struct FollowUp: Decodable {
        let code: String
        let phoneLast4: String
        let satisfied: Bool
        let reopen: Bool?
    }
}
