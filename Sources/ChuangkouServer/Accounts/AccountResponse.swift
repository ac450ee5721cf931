import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// An account as the security administrator (and its holder) sees it. No password hash or TOTP secret ever leaves.
struct AccountResponse: ResponseEncodable, Equatable {
    let badge: String
    let name: String
    let sex: String?
    let post: String
    let roles: [String]
    /// Empty: any window / every business.
    let windows: [WindowNumber]
    let businesses: [String]
    let disabled: Bool
    let mustChangePassword: Bool
    let secondFactor: Bool
    let secondFactorRequired: Bool

    init(_ account: Account) {
        badge = account.officer.badge.value
        name = account.officer.name
        sex = account.officer.sex?.rawValue
        post = account.officer.post
        roles = account.officer.roles.sorted.map(\.rawValue)
        windows = account.windows
        businesses = account.businesses.map(\.value)
        disabled = account.disabled
        mustChangePassword = account.mustChangePassword
        secondFactor = account.hasSecondFactor
        secondFactorRequired = account.officer.roles.requiresSecondFactor
    }

    // Written by hand so `sex` is `null` rather than left out: the document lists every key as present.
    enum CodingKeys: String, CodingKey {
        case badge, name, sex, post, roles, windows, businesses, disabled, mustChangePassword, secondFactor, secondFactorRequired
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(badge, forKey: .badge)
        try c.encode(name, forKey: .name)
        try c.encode(sex, forKey: .sex)
        try c.encode(post, forKey: .post)
        try c.encode(roles, forKey: .roles)
        try c.encode(windows, forKey: .windows)
        try c.encode(businesses, forKey: .businesses)
        try c.encode(disabled, forKey: .disabled)
        try c.encode(mustChangePassword, forKey: .mustChangePassword)
        try c.encode(secondFactor, forKey: .secondFactor)
        try c.encode(secondFactorRequired, forKey: .secondFactorRequired)
    }
}

/// What the security administrator sends to create or change an account.
struct AccountRequest: Decodable {
    let name: String
    let sex: String?
    let post: String
    let roles: [String]
    let windows: [Int]?
    let businesses: [String]?

    /// The account these fields describe, checked: every number and text bounded, roles separated.
    func account(badge: Badge) throws -> Account {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let post = post.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...40).contains(name.count) else { throw APIError.badRequest("姓名须为1至40个字", "A name is 1–40 characters") }
        guard (1...40).contains(post.count) else { throw APIError.badRequest("职务须为1至40个字", "A post is 1–40 characters") }
        var sexValue: Sex?
        if let sex, !sex.isEmpty {
            guard let parsed = Sex(rawValue: sex) else { throw APIError.badRequest("性别须为 female 或 male", "sex is female or male") }
            sexValue = parsed
        }
        let roles: Roles
        do { roles = try Roles(text: self.roles.joined(separator: ",")) } catch { throw APIError.badRoles(error) }
        let windows = self.windows ?? []
        let numbers = windows.compactMap(WindowNumber.init)
        guard windows.count <= 100, numbers.count == windows.count else {
            throw APIError.badRequest("窗口号须为1至999", "Window numbers are 1–999")
        }
        var codes: [BusinessCode] = []
        for text in (businesses ?? []).prefix(200) {
            guard let code = BusinessCode(text) else { throw QueueError.unknownBusiness(String(text.prefix(40))) }
            codes.append(code)
        }
        return Account(
            officer: Officer(badge: badge, name: name, roles: roles, post: post, sex: sexValue),
            windows: Array(Set(numbers)).sorted(),
            businesses: codes
        )
    }
}
