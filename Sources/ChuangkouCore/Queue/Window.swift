/// A service window (窗口) and who works at it.
public struct Window: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// An officer is signed in and calling.
        case open
        /// On a break (暂停服务): the officer stays signed in, nothing is called.
        case paused
        /// No officer.
        case closed

        public var label: String {
            switch self {
            case .open: "服务中"
            case .paused: "暂停服务"
            case .closed: "未开放"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .open: "Open"
            case .paused: "On a break"
            case .closed: "Closed"
            }
        }
    }

    public let number: WindowNumber
    public var status: Status
    public var businesses: [BusinessCode]
    public var officer: Badge?

    public init(number: WindowNumber, status: Status, businesses: [BusinessCode], officer: Badge?) {
        self.number = number
        self.status = status
        self.businesses = businesses
        self.officer = officer
    }

    /// Checks that `badge` may call to this window now: signed in here, and the window open.
    public func checkMayCall(_ badge: Badge) throws(QueueError) {
        guard officer == badge else { throw .notSignedIn(window: number) }
        switch status {
        case .open: return
        case .paused: throw .windowPaused(number)
        case .closed: throw .windowClosed(number)
        }
    }

    /// Signs an officer in. A window held by someone else must be released first, so two officers never
    /// share one window's calls.
    public mutating func signIn(_ officer: Officer) throws(QueueError) {
        guard officer.mayWorkAtWindow else { throw .officerMayNotServe }
        if let current = self.officer, current != officer.badge { throw .windowTaken(window: number, badge: current.value) }
        self.officer = officer.badge
        status = .open
    }

    public mutating func signOut(_ badge: Badge) throws(QueueError) {
        guard officer == badge else { throw .notSignedIn(window: number) }
        officer = nil
        status = .closed
    }

    public mutating func pause(_ badge: Badge) throws(QueueError) {
        guard officer == badge else { throw .notSignedIn(window: number) }
        status = .paused
    }

    public mutating func resume(_ badge: Badge) throws(QueueError) {
        guard officer == badge else { throw .notSignedIn(window: number) }
        status = .open
    }
}
