import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// One's own account: choose a new password (required at first sign-in and after a reset), enrol a TOTP second
/// factor (required for the three administrator roles, optional for leaders and supervisors). A set-up-only session
/// may call these and nothing else; finishing set-up lifts the restriction.
struct OwnAccountController {
    let accounts: AccountRepository
    let sessions: SessionCache
    let now: @Sendable () -> Date
    let hasher: PasswordHasher
    let policy = PasswordPolicy()

    struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    struct SecondFactorResponse: ResponseEncodable {
        /// Base32, for typing into an authenticator app.
        let secret: String
        /// The `otpauth://` link an app can read from a QR code.
        let uri: String
    }

    struct Confirmation: Decodable {
        let code: String
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("account") { _, context in AccountResponse(try await own(context)) }
        api.post("account/password") { request, context in
            let account = try await own(context)
            let badge = account.officer.badge
            let body = try await request.decode(as: PasswordChange.self, context: context)
            guard let record = try await accounts.signInRecord(badge),
                try await hasher.verify(String(body.currentPassword.prefix(128)), hash: record.passwordHash)
            else { throw APIError.wrongPassword }
            var problems = policy.problems(body.newPassword, badge: badge)
            if problems.isEmpty {
                for old in ([record.passwordHash] + record.passwordHistory).prefix(policy.history + 1)
                where try await hasher.verify(body.newPassword, hash: old) {
                    problems.append(.reused)
                    break
                }
            }
            guard problems.isEmpty else { throw APIError.weakPassword(problems) }
            try await accounts.setPassword(
                badge,
                hash: try await hasher.hash(body.newPassword),
                mustChange: false,
                keepSession: context.sessionToken,
                history: policy.history
            )
            return AccountResponse(try await finishSetUpIfDone(badge, context))
        }
        api.post("account/second-factor") { _, context in
            let account = try await own(context)
            guard account.officer.roles.maySetSecondFactor else { throw APIError.secondFactorNotForRole }
            // Replacing a confirmed factor would let a stolen session lock its owner out: ask the security admin.
            guard !account.hasSecondFactor else { throw AccountRepository.Problem.ownAccount }
            let secret = Base32.encode(TOTP.newSecret())
            try await accounts.setSecondFactorSecret(account.officer.badge, secret: secret)
            let label = "Chuangkou:\(account.officer.badge.value)"
            return SecondFactorResponse(secret: secret, uri: "otpauth://totp/\(label)?secret=\(secret)&issuer=Chuangkou&digits=6&period=30")
        }
        api.post("account/second-factor/confirm") { request, context in
            let account = try await own(context)
            let badge = account.officer.badge
            let body = try await request.decode(as: Confirmation.self, context: context)
            guard let record = try await accounts.signInRecord(badge), let secret = record.totpSecret.flatMap(Base32.decode)
            else { throw APIError.noSecondFactor }
            guard let step = TOTP(secret: secret).matchingStep(body.code, at: now()),
                try await accounts.acceptSecondFactor(badge, step: step)
            else { throw APIError.secondFactorWrong }
            return AccountResponse(try await finishSetUpIfDone(badge, context))
        }
    }

    func own(_ context: AppRequestContext) async throws -> Account {
        let officer = try context.requireOfficer()
        guard let account = try await accounts.find(officer.badge) else { throw APIError.unauthorized }
        return account
    }

    /// Once the password is chosen and any required second factor enrolled, the account's sessions are full ones.
    func finishSetUpIfDone(_ badge: Badge, _ context: AppRequestContext) async throws -> Account {
        guard let account = try await accounts.find(badge) else { throw APIError.unauthorized }
        if !account.needsSetUp {
            try await accounts.finishSetUp(badge)
            sessions.forget(badge: badge)
        }
        return account
    }
}
