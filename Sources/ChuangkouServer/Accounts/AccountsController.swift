import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Accounts, managed by the security administrator (三员分立: not the system administrator): create with a one-time
/// password the person changes at first sign-in, change details and roles, disable and re-enable, unlock sign-in
/// delays, reset a password. Who may call each route is in `AccessTable`.
struct AccountsController {
    let accounts: AccountRepository
    let signIns: SignInRepository
    let sessions: SessionCache
    let now: @Sendable () -> Date
    let hasher: PasswordHasher
    let policy = PasswordPolicy()

    struct CreateRequest: Decodable {
        let badge: String
        let name: String
        let sex: String?
        let post: String
        let roles: [String]
        let windows: [Int]?
        let businesses: [String]?
        /// The one-time password handed to the person; it must meet the policy and is changed at first sign-in.
        let password: String
    }

    struct PasswordRequest: Decodable {
        let password: String
    }

    struct AccountsResponse: ResponseEncodable {
        let accounts: [AccountResponse]
    }

    struct UnlockResponse: ResponseEncodable {
        let cleared: Int
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("accounts") { _, _ in
            AccountsResponse(accounts: try await accounts.all().map(AccountResponse.init))
        }
        api.post("accounts") { request, context -> EditedResponse<AccountResponse> in
            let body = try await request.decode(as: CreateRequest.self, context: context)
            guard let badge = Badge(body.badge) else { throw APIError.badBadge }
            let account = try AccountRequest(
                name: body.name,
                sex: body.sex,
                post: body.post,
                roles: body.roles,
                windows: body.windows,
                businesses: body.businesses
            ).account(badge: badge)
            try checkPolicy(body.password, badge: badge)
            try await accounts.create(account, passwordHash: try await hasher.hash(body.password))
            let created = try await found(badge)
            return EditedResponse(status: .created, response: AccountResponse(created))
        }
        api.get("accounts/{badge}") { _, context in AccountResponse(try await found(try badge(context))) }
        api.put("accounts/{badge}") { request, context in
            let admin = try context.requireOfficer()
            let badge = try badge(context)
            _ = try await found(badge)
            let account = try await request.decode(as: AccountRequest.self, context: context).account(badge: badge)
            try await accounts.update(account, by: admin.badge)
            sessions.forget(badge: badge)
            return AccountResponse(try await found(badge))
        }
        api.post("accounts/{badge}/disable") { _, context in try await setDisabled(true, context) }
        api.post("accounts/{badge}/enable") { _, context in try await setDisabled(false, context) }
        api.post("accounts/{badge}/unlock") { _, context in
            let badge = try badge(context)
            _ = try await found(badge)
            return UnlockResponse(cleared: try await signIns.unlock(badge))
        }
        api.post("accounts/{badge}/reset-password") { request, context in
            let badge = try badge(context)
            _ = try await found(badge)
            let body = try await request.decode(as: PasswordRequest.self, context: context)
            try checkPolicy(body.password, badge: badge)
            try await accounts.setPassword(badge, hash: try await hasher.hash(body.password), mustChange: true)
            sessions.forget(badge: badge)
            return AccountResponse(try await found(badge))
        }
    }

    func setDisabled(_ disabled: Bool, _ context: AppRequestContext) async throws -> AccountResponse {
        let admin = try context.requireOfficer()
        let badge = try badge(context)
        try await accounts.setDisabled(badge, disabled, by: admin.badge, at: now())
        sessions.forget(badge: badge)
        return AccountResponse(try await found(badge))
    }

    func checkPolicy(_ password: String, badge: Badge) throws {
        let problems = policy.problems(password, badge: badge)
        guard problems.isEmpty else { throw APIError.weakPassword(problems) }
    }

    func badge(_ context: AppRequestContext) throws -> Badge {
        guard let badge = Badge(context.parameters.get("badge") ?? "") else { throw APIError.badBadge }
        return badge
    }

    func found(_ badge: Badge) async throws -> Account {
        guard let account = try await accounts.find(badge) else { throw AccountRepository.Problem.unknownAccount(badge) }
        return account
    }
}
