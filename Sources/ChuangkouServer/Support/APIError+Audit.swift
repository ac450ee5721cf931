import Hummingbird

/// The audit: every code the API answers with for it.
extension APIError {
    enum AuditCode: String, APIErrorCode {
        case badFilter = "audit.bad-filter"
    }

    /// A search filter that cannot be read, naming it and what it should be.
    static func badAuditFilter(_ name: String, _ expected: String) -> APIError {
        APIError(
            .badRequest,
            AuditCode.badFilter,
            "查询条件 \(name) 有误, 应为: \(expected)",
            "The filter \(name) is invalid; expected \(expected)"
        )
    }
}
