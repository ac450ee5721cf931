import ChuangkouCore
import Foundation
import SQLKit

/// Windows, the businesses each serves, and who is signed in.
public struct WindowRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A window as the public sees it: its state, officer and current ticket.
    public struct Board: Sendable {
        public let window: Window
        public let officer: Officer?
        public let currentTicket: Ticket?
        /// Whether the officer has a public photo (四公开); pages show an initial otherwise.
        public let officerHasPhoto: Bool
    }

    public func all() async throws -> [Board] {
        try await database.read { db in
            let windows = try await Self.windows(where: nil, in: db)
            let officers = try await db.raw(
                """
                SELECT o.badge, o.name, o.role, o.roles, o.post, o.sex FROM officers o JOIN windows w ON w.officer_badge = o.badge
                """
            ).all().map(Officer.init(row:))
            let photos = Set(
                try await db.raw(
                    """
                    SELECT p.badge FROM officer_photos p JOIN windows w ON w.officer_badge = p.badge
                    """
                ).all().map { try $0.decode(column: "badge", as: String.self) }
            )
            let active = try await db.raw(
                """
                SELECT \(unsafeRaw: Ticket.columns) FROM tickets WHERE status IN ('called', 'serving') AND window_number IS NOT NULL
                """
            ).all().map(Ticket.init(row:))
            return windows.map { w in
                Board(
                    window: w,
                    officer: officers.first { $0.badge == w.officer },
                    currentTicket: active.first { $0.window == w.number },
                    officerHasPhoto: w.officer.map { photos.contains($0.value) } ?? false
                )
            }
        }
    }

    public func board(_ number: WindowNumber) async throws -> Board {
        guard let board = try await all().first(where: { $0.window.number == number }) else { throw QueueError.unknownWindow(number) }
        return board
    }

    /// The window the officer is signed in to, if any.
    public func window(of badge: Badge) async throws -> Window? {
        try await database.read { db in
            try await Self.windows(where: "w.officer_badge = \(bind: badge.value)", in: db).first
        }
    }

    /// Signs an officer in to a window, leaving any other window they held.
    public func signIn(_ number: WindowNumber, officer badge: Badge, at now: Date) async throws -> Window {
        try await change(number, by: badge, at: now, action: .signIn) { db, window in
            guard let officer = try await OfficerRepository.find(badge, in: db) else { throw QueueError.notSignedIn(window: number) }
            try window.signIn(officer)
            try await db.raw(
                """
                UPDATE windows SET officer_badge = NULL, status = 'closed', changed_at = \(bind: now.millisecondsSince1970)
                WHERE officer_badge = \(bind: badge.value) AND number <> \(bind: number.value)
                """
            ).run()
        }
    }

    public func signOut(_ number: WindowNumber, officer badge: Badge, at now: Date) async throws -> Window {
        try await change(number, by: badge, at: now, action: .signOut) { _, window in try window.signOut(badge) }
    }

    public func pause(_ number: WindowNumber, officer badge: Badge, at now: Date) async throws -> Window {
        try await change(number, by: badge, at: now, action: .pause) { _, window in try window.pause(badge) }
    }

    public func resume(_ number: WindowNumber, officer badge: Badge, at now: Date) async throws -> Window {
        try await change(number, by: badge, at: now, action: .resume) { _, window in try window.resume(badge) }
    }

    /// Loads the window under lock, applies a Core change, writes it back and tells the displays, all in one transaction.
    private func change(
        _ number: WindowNumber,
        by badge: Badge,
        at now: Date,
        action: Workload.WindowChange.Action,
        _ apply: @Sendable @escaping (any SQLDatabase, inout Window) async throws -> Void
    ) async throws -> Window {
        try await database.transaction { [dialect = database.dialect] db in
            var window = try await Self.lock(number, dialect: dialect, in: db)
            try await apply(db, &window)
            try await db.raw(
                """
                UPDATE windows SET status = \(bind: window.status.rawValue), officer_badge = \(bind: window.officer?.value),
                    changed_at = \(bind: now.millisecondsSince1970)
                WHERE number = \(bind: number.value)
                """
            ).run()
            try await HallEventLog.append(HallEvent(kind: .window, window: number, action: action.rawValue, at: now), in: db)
            try await WindowLog.append(action, window: number, officer: badge, at: now, in: db)
            try await AuditTrail.record(AuditEntry("window.\(action.rawValue)", "window:\(number)"), at: now, in: db)
            return window
        }
    }

    /// Reads a window and, on PostgreSQL, holds its row until commit, so changes to one window happen one at a time.
    static func lock(_ number: WindowNumber, dialect: Dialect, in db: any SQLDatabase) async throws -> Window {
        guard let window = try await windows(where: "w.number = \(bind: number.value)", lock: dialect.forUpdate(of: "w"), in: db).first
        else { throw QueueError.unknownWindow(number) }
        return window
    }

    static func windows(where condition: SQLQueryString?, lock: String = "", in db: any SQLDatabase) async throws -> [Window] {
        var query: SQLQueryString =
            "SELECT w.number, w.status, w.officer_badge, wb.business_code FROM windows w LEFT JOIN window_businesses wb ON wb.window_number = w.numbe"
            + "r"
        if let condition { query = query + " WHERE " + condition }
        query = query + " ORDER BY w.number, wb.business_code" + SQLQueryString(lock)
        var result: [Window] = []
        for row in try await db.raw(query).all() {
            guard let number = try row.decodeWindow(column: "number") else {
                throw StoreError.corruptRow(table: "windows", id: "null")
            }
            let business = try row.decode(column: "business_code", as: String?.self).flatMap(BusinessCode.init)
            if result.last?.number == number {
                if let business { result[result.count - 1].businesses.append(business) }
                continue
            }
            guard let status = Window.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
                throw StoreError.corruptRow(table: "windows", id: number.description)
            }
            result.append(
                Window(
                    number: number,
                    status: status,
                    businesses: business.map { [$0] } ?? [],
                    officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init)
                )
            )
        }
        return result
    }

    static func insert(_ window: Window, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO windows (number, status, officer_badge, changed_at)
            VALUES (\(bind: window.number.value), \(bind: window.status.rawValue), \(bind: window.officer?.value), \(bind: now.millisecondsSince1970))
            """
        ).run()
        for code in window.businesses {
            try await db.raw(
                "INSERT INTO window_businesses (window_number, business_code) VALUES (\(bind: window.number.value), \(bind: code.value))"
            )
            .run()
        }
    }
}
