import ChuangkouCore
import Foundation
import Hummingbird

/// Signing in, sessions, roles and the web hardening around them: every code the API answers with for them, and its
/// status and words.
extension APIError {
    enum AuthCode: String, APIErrorCode {
        case required = "auth.required"
        case badCredentials = "auth.bad-credentials"
        case forbidden = "auth.forbidden"
        case throttled = "auth.throttled"
        case setUpFirst = "auth.set-up-first"
        case secondFactorRequired = "auth.second-factor-required"
        case secondFactorWrong = "auth.second-factor-wrong"
        case csrf = "auth.csrf"
        case origin = "auth.origin"
    }

    /// Limits on requests themselves (size, time, content type, characters in the path).
    enum RequestCode: String, APIErrorCode {
        case tooLarge = "request.too-large"
        case timeout = "request.timeout"
        case jsonOnly = "request.json-only"
        case controlCharacters = "request.control-characters"
        case methodNotAllowed = "request.method-not-allowed"
    }

    static let unauthorized = APIError(.unauthorized, AuthCode.required, "请先登录", "Sign in first")
    static let badCredentials = APIError(.unauthorized, AuthCode.badCredentials, "警号或密码错误", "Wrong badge number or password")
    static let forbidden = APIError(.forbidden, AuthCode.forbidden, "无权进行此操作", "Not allowed for your role")
    static let setUpFirst = APIError(
        .forbidden,
        AuthCode.setUpFirst,
        "请先设置新密码并完成双因素认证绑定",
        "Choose a new password (and enrol the second factor) first"
    )
    static let secondFactorRequired = APIError(
        .unauthorized,
        AuthCode.secondFactorRequired,
        "请输入动态验证码",
        "Enter the code from your authenticator"
    )
    static let secondFactorWrong = APIError(.unauthorized, AuthCode.secondFactorWrong, "动态验证码错误", "Wrong authenticator code")
    static let csrfMissing = APIError(.forbidden, AuthCode.csrf, "页面已过期, 请刷新后重试", "The page is stale; reload it and try again")
    static let foreignOrigin = APIError(.forbidden, AuthCode.origin, "不接受来自其他网站的请求", "Requests from other sites are refused")

    static func throttled(until: Date) -> APIError {
        APIError(
            .tooManyRequests,
            AuthCode.throttled,
            "登录失败次数过多, 请稍后再试",
            "Too many failed sign-ins from here; try again later"
        )
    }

    static let tooLarge = APIError(.contentTooLarge, RequestCode.tooLarge, "请求内容过大", "The request body is too large")
    static let requestTimeout = APIError(
        .requestTimeout,
        RequestCode.timeout,
        "请求内容未按时送达",
        "The request body did not arrive in time"
    )
    static let jsonOnly = APIError(.unsupportedMediaType, RequestCode.jsonOnly, "请求内容须为 JSON", "The body must be application/json")
    static let methodNotAllowed = APIError(
        .methodNotAllowed,
        RequestCode.methodNotAllowed,
        "此地址不接受该请求方法",
        "This path does not take that method"
    )
    static let controlCharacters = APIError(
        .badRequest,
        RequestCode.controlCharacters,
        "路径中含有控制字符",
        "The path contains control characters"
    )
}
