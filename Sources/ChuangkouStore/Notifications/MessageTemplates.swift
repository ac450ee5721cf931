import ChuangkouCore
import Foundation
import SQLKit

/// The wording of citizens' messages: the shipped templates, and what administrators saved instead.
public struct MessageTemplates: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One kind in one language as it stands: the template in force and, if an administrator saved it, who and when.
    public struct Entry: Sendable, Equatable {
        public let template: MessageTemplate
        public let updatedBy: Badge?
        public let updatedAt: Date?
        public var isShipped: Bool { updatedBy == nil }
    }

    /// Every kind in both languages, in the kinds' order, Chinese first.
    public func all() async throws -> [Entry] {
        try await database.read { db in
            var saved: [String: any SQLRow] = [:]
            for row in try await db.raw("SELECT kind, language, body, updated_by, updated_at FROM notification_templates").all() {
                saved["\(try row.decode(column: "kind", as: String.self))|\(try row.decode(column: "language", as: String.self))"] = row
            }
            return try MessageKind.allCases.flatMap { kind in
                try MessageLanguage.allCases.map { language in
                    guard let row = saved["\(kind.rawValue)|\(language.rawValue)"],
                        let template = try? MessageTemplate(kind: kind, language: language, body: try row.decode(column: "body", as: String.self))
                    else { return Entry(template: .shipped(kind, language), updatedBy: nil, updatedAt: nil) }
                    return Entry(
                        template: template,
                        updatedBy: Badge(try row.decode(column: "updated_by", as: String.self)),
                        updatedAt: Date(milliseconds: try row.decode(column: "updated_at", as: Int64.self))
                    )
                }
            }
        }
    }

    /// Checks and saves a template; audited.
    ///
    /// - Throws: `MessageTemplateError` naming what to fix (unknown or missing placeholders, length, braces).
    @discardableResult
    public func save(_ kind: MessageKind, _ language: MessageLanguage, body: String, by badge: Badge, at now: Date) async throws -> MessageTemplate {
        let template = try MessageTemplate(kind: kind, language: language, body: body)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO notification_templates (kind, language, body, updated_by, updated_at)
                VALUES (
                    \(bind: kind.rawValue),
                    \(bind: language.rawValue),
                    \(bind: template.body),
                    \(bind: badge.value),
                    \(bind: now.millisecondsSince1970)
                )
                ON CONFLICT (kind, language) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """
            ).run()
            try await AuditTrail.record(
                AuditEntry("notification.template", "template:\(kind.rawValue)/\(language.rawValue)", detail: template.body),
                at: now,
                in: db
            )
        }
        return template
    }

    /// Puts the shipped wording back; audited.
    public func reset(_ kind: MessageKind, _ language: MessageLanguage, at now: Date) async throws {
        try await database.transaction { db in
            try await db.raw(
                "DELETE FROM notification_templates WHERE kind = \(bind: kind.rawValue) AND language = \(bind: language.rawValue)"
            ).run()
            try await AuditTrail.record(
                AuditEntry("notification.template-reset", "template:\(kind.rawValue)/\(language.rawValue)"),
                at: now,
                in: db
            )
        }
    }

    /// The template in force, in a transaction. A saved body that no longer passes the check (a kind whose placeholders
    /// changed in an upgrade) gives way to the shipped one rather than stop the message.
    static func current(_ kind: MessageKind, _ language: MessageLanguage, in db: any SQLDatabase) async throws -> MessageTemplate {
        guard
            let row = try await db.raw(
                "SELECT body FROM notification_templates WHERE kind = \(bind: kind.rawValue) AND language = \(bind: language.rawValue)"
            ).first(),
            let template = try? MessageTemplate(kind: kind, language: language, body: try row.decode(column: "body", as: String.self))
        else { return .shipped(kind, language) }
        return template
    }
}

extension NotificationOutbox {
    /// Enqueues a citizen's text message of a kind, worded by the template in force in `language`, in the caller's
    /// transaction. Returns false when a message with `key` exists already (nothing is written): give a key that names
    /// the occasion (`booking:<id>:code:<n>`, `ticket:<id>:ahead`) and a retried or concurrent enqueue sends once.
    ///
    /// - Parameters:
    ///   - values: the placeholders' values; `name@en` gives the English one where it differs.
    ///   - phoneSealed: the phone, sealed with the hall's `DataSealer`.
    ///   - answeredBy: the officer who answers for the message, if any.
    @discardableResult
    public static func enqueue(
        _ kind: MessageKind,
        values: [String: String],
        language: MessageLanguage = .chinese,
        phoneSealed: String,
        answeredBy: Badge? = nil,
        payload: String = "{}",
        caseID: String? = nil,
        key: String,
        at now: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        let template = try await MessageTemplates.current(kind, language, in: db)
        return try await enqueue(
            kind: kind.rawValue,
            to: answeredBy,
            subject: template.render(values),
            payload: payload,
            caseID: caseID,
            phoneSealed: phoneSealed,
            key: key,
            language: language,
            at: now,
            in: db
        )
    }
}
