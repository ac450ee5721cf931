import Foundation
import Hummingbird

/// Signing in and roles: every code the API answers with for them, and its status and words.
extension APIError {
    enum AuthCode: String, APIErrorCode {
        case required = "auth.required"
        case badCredentials = "auth.bad-credentials"
        case forbidden = "auth.forbidden"
        case locked = "auth.locked"
    }

    static let unauthorized = APIError(.unauthorized, AuthCode.required, "请先登录", "Sign in first")
    static let badCredentials = APIError(.unauthorized, AuthCode.badCredentials, "警号或密码错误", "Wrong badge number or password")
    static let forbidden = APIError(.forbidden, AuthCode.forbidden, "无权进行此操作", "Not allowed for your role")

    static func locked(until: Date) -> APIError {
        APIError(
            .forbidden,
            AuthCode.locked,
            "登录失败次数过多, 账号已锁定, 请稍后再试",
            "Too many failed sign-ins; the account is locked for a while"
        )
    }
}
