/// An account as the security administrator manages it: the person, what they may serve, and its state.
public struct Account: Sendable, Equatable {
    public var officer: Officer
    /// Windows the person may sign in to; empty: any window.
    public var windows: [WindowNumber]
    /// Businesses the person may serve; empty: every business.
    public var businesses: [BusinessCode]
    public var disabled: Bool
    /// Set for a new account or a reset password: the first sign-in must choose a new one.
    public var mustChangePassword: Bool
    /// A TOTP second factor is enrolled and confirmed.
    public var hasSecondFactor: Bool

    public init(
        officer: Officer,
        windows: [WindowNumber] = [],
        businesses: [BusinessCode] = [],
        disabled: Bool = false,
        mustChangePassword: Bool = false,
        hasSecondFactor: Bool = false
    ) {
        self.officer = officer
        self.windows = windows
        self.businesses = businesses
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
        self.hasSecondFactor = hasSecondFactor
    }

    /// Whether the person may sign in to window `number`.
    public func maySignIn(toWindow number: WindowNumber) -> Bool { windows.isEmpty || windows.contains(number) }

    /// Whether a session must finish set-up (new password, second factor) before anything else.
    public var needsSetUp: Bool { mustChangePassword || (officer.roles.requiresSecondFactor && !hasSecondFactor) }
}
