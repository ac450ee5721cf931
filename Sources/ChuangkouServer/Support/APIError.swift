import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// An error as the API reports it: a status, a stable code, and a message in Chinese and English.
///
/// Body: `{"error":{"code":"ticket.not-allowed","message":"…","messageEnglish":"…"}}`, where `message` carries both
/// languages ("中文 / English") for clients that show one string.
struct APIError: HTTPResponseError, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let chinese: String
    let english: String
    /// Every problem found, when there is more than one thing to fix (a refused guide or holiday notice lists them all).
    var problems: [Problem] = []

    /// One problem of several, in both languages; for a document, also where it is (path, and line when known).
    struct Problem: Encodable, Equatable {
        let message: String
        let messageChinese: String
        let messageEnglish: String
        let path: String?
        let rule: String?
        let line: Int?

        init(_ chinese: String, _ english: String, path: String? = nil, rule: String? = nil, line: Int? = nil) {
            message = "\(chinese) / \(english)"
            messageChinese = chinese
            messageEnglish = english
            self.path = path
            self.rule = rule
            self.line = line
        }
    }

    /// An error with one of the codes a feature names in its `APIError+Feature.swift`.
    init(_ status: HTTPResponse.Status, _ code: some APIErrorCode, _ chinese: String, _ english: String, problems: [Problem] = []) {
        self.init(status: status, code: code.rawValue, chinese, english, problems: problems)
    }

    /// The one way in for a code that is not a literal: `http.<status>` for HTTP errors Hummingbird itself raises.
    private init(status: HTTPResponse.Status, code: String, _ chinese: String, _ english: String, problems: [Problem] = []) {
        self.status = status
        self.code = code
        self.chinese = chinese
        self.english = english
        self.problems = problems
    }

    /// Codes that belong to no feature.
    enum GeneralCode: String, APIErrorCode {
        case malformed = "request.malformed"
        case missingParameter = "request.missing-parameter"
        case notFound = "not-found"
        case missingTemplate = "page.template"
        case `internal` = "internal"
    }

    static let notFound = APIError(.notFound, GeneralCode.notFound, "未找到", "Not found")

    static func badRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, GeneralCode.malformed, chinese, english)
    }

    static func missingParameter(_ name: String) -> APIError {
        APIError(.badRequest, GeneralCode.missingParameter, "缺少参数 \(name)", "Missing parameter \(name)")
    }

    static func missingTemplate(_ template: String) -> APIError {
        APIError(.internalServerError, GeneralCode.missingTemplate, "页面模板缺失: \(template)", "Missing page template: \(template)")
    }

    /// Every code the API can answer with, feature by feature (besides `http.<status>`); a test pins the list.
    static var allCodes: [String] {
        [
            GeneralCode.allCases.map(\.rawValue), AuthCode.allCases.map(\.rawValue), QueueCode.allCases.map(\.rawValue),
            GuideCode.allCases.map(\.rawValue), CalendarCode.allCases.map(\.rawValue), DeadlineCode.allCases.map(\.rawValue),
            CaseCode.allCases.map(\.rawValue), OfficerCode.allCases.map(\.rawValue), RequestCode.allCases.map(\.rawValue),
            AccountCode.allCases.map(\.rawValue), EvaluationCode.allCases.map(\.rawValue), AuditCode.allCases.map(\.rawValue),
            // Complaints (issue 13).
            ComplaintCode.allCases.map(\.rawValue), SupervisionCode.allCases.map(\.rawValue), InspectionCode.allCases.map(\.rawValue),
            SpotCheckCode.allCases.map(\.rawValue),
            DutyCode.allCases.map(\.rawValue),
            // Notifications (issue 15).
            NotificationCode.allCases.map(\.rawValue),
            // On-site visits (issue 15).
            OnSiteCode.allCases.map(\.rawValue),
            // Inquiries (issue 14).
            InquiryCode.allCases.map(\.rawValue), IncidentCode.allCases.map(\.rawValue), HandoverCode.allCases.map(\.rawValue),
            WordingCode.allCases.map(\.rawValue),
            // Appointments (issue 15).
            AppointmentCode.allCases.map(\.rawValue),
        ].flatMap { $0 }
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let messageChinese: String
            let messageEnglish: String
            /// Left out when empty.
            let problems: [Problem]?
        }
        let error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            error: .init(
                code: code,
                message: "\(chinese) / \(english)",
                messageChinese: chinese,
                messageEnglish: english,
                problems: problems.isEmpty ? nil : problems
            )
        )
        let data = try JSONEncoder().encode(body)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

extension APIError {
    /// The one mapping from anything a handler throws to what the client is told, for JSON and HTML alike.
    /// Errors we do not know become a generic 500 that names the request id; their details go to the log only.
    init(mapping error: any Error, context: AppRequestContext, decoding: (DecodingError) -> APIError) {
        switch error {
        case let e as APIError: self = e
        case let e as QueueError: self.init(e)
        case let e as GuideRejected: self.init(rejectedGuide: e.problems.map { ($0, nil) })
        case let e as CatalogError: self.init(rejectedGuide: e.problems.map { ($0.problem, $0.line) })
        case let e as CalendarError: self.init(e)
        case let e as NoticeRejected: self.init(e)
        case let e as DeadlineError: self.init(e)
        case let e as DeadlineRecordError: self.init(e)
        case let e as IntakeError: self.init(e)
        case let e as NoticeError: self.init(e)
        case let e as CaseError: self.init(e)
        case let e as CaseStoreError: self.init(e)
        case let e as RatingError: self.init(e)
        case let e as RectificationError: self.init(e)
        case let e as RectificationRecordError: self.init(e)
        case let e as ComplaintError: self.init(e)
        case let e as ComplaintRecordError: self.init(e)
        case let e as SupervisionError: self.init(e)
        case let e as InspectionError: self.init(e)
        case let e as InspectionRecordError: self.init(e)
        case let e as SpotCheckError: self.init(e)
        case let e as SpotCheckRecordError: self.init(e)
        case let e as DutyError: self.init(e)
        case let e as DutyRecordError: self.init(e)
        case let e as MessageTemplateError: self.init(e)
        case let e as TicketContactError: self.init(e)
        case let e as OnSiteError: self.init(e)
        case let e as OnSiteRecordError: self.init(e)
        case let e as InquiryError: self.init(e)
        case let e as InquiryRecordError: self.init(e)
        case let e as IncidentError: self.init(e)
        case let e as IncidentRecordError: self.init(e)
        case let e as TicketHandoverError: self.init(e)
        case let e as AppointmentError: self.init(e)
        case let e as AppointmentStoreError: self.init(e)
        case let e as CaseLookupError: self.init(e)
        case let e as FixLinkError: self.init(e)
        case let e as AccountRepository.Problem: self.init(e)
        case let e as DeviceRepository.Problem: self.init(e)
        case let e as DecodingError: self = decoding(e)
        case is NIOTooManyBytesError: self = .tooLarge
        case let e as HTTPError:
            switch e.status {
            case .notFound: self = .notFound
            case .contentTooLarge: self = .tooLarge
            case .badRequest, .unsupportedMediaType:
                self = .badRequest("请求内容格式错误", "Malformed request: \(e.body ?? "bad request")")
            default: self.init(status: e.status, code: "http.\(e.status.code)", e.body ?? "请求有误", e.body ?? e.status.reasonPhrase)
            }
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            self.init(
                .internalServerError,
                GeneralCode.internal,
                "服务器内部错误 (请求号 \(context.id))",
                "Internal error (request \(context.id))"
            )
        }
    }
}

/// A feature's error codes: each a literal, so renaming a Swift case cannot change what clients are told.
protocol APIErrorCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {}
