import Foundation
import Synchronization

/// Who is acting, as the audit records it: an officer (警号 and role), a citizen or device at a source address, or a
/// named part of the system (a background job, a CLI command).
///
/// It reaches the store as a task-local value, bound once per request by the server's audit middleware and once per
/// job or command, the way trace context travels: no repository signature carries it, and `AuditTrail.record` reads it
/// inside the transaction. `Database.transaction` carries it into the batch that runs the body (on SQLite another
/// task may run it).
public struct AuditActor: Sendable, Equatable {
    /// 警号, `anonymous`, a device name, or `system:<job>` / `cli:<command>`.
    public var id: String
    /// The role at the time (`officer`, `dutyLeader`, `admin`, `public`, `system`, …).
    public var role: String
    /// The peer's address for requests, `local` for jobs and commands.
    public var address: String
    /// Set when a refusal has been recorded for this scope, so the middleware does not record the same refusal twice.
    let scope: AuditScope

    public init(id: String, role: String, address: String) {
        self.id = id
        self.role = role
        self.address = address
        scope = AuditScope()
    }

    public static func == (a: AuditActor, b: AuditActor) -> Bool {
        a.id == b.id && a.role == b.role && a.address == b.address
    }

    /// A background job of the server, e.g. `system("deadline-watch")`.
    public static func system(_ job: String) -> AuditActor {
        AuditActor(id: "system:\(job)", role: "system", address: "local")
    }

    /// A command-line task, e.g. `cli("catalog import")`.
    public static func cli(_ command: String) -> AuditActor {
        AuditActor(id: "cli:\(command)", role: "system", address: "local")
    }

    /// Nobody bound an actor: visible as such in the audit instead of looking like someone.
    public static let unattributed = AuditActor(id: "system:unattributed", role: "system", address: "local")

    /// The actor of the running task.
    @TaskLocal public static var current: AuditActor = .unattributed

    /// Runs `body` with `self` as the acting party.
    public func acting<T>(_ body: () async throws -> T) async rethrows -> T {
        try await Self.$current.withValue(self) { try await body() }
    }

    /// Whether a refusal has already been recorded in this actor's scope (by the store, inside a transaction).
    public var refusalRecorded: Bool { scope.refusal.withLock { $0 } }
}

/// Shared by the copies of one bound actor (a class: the transaction body may run in another task).
final class AuditScope: Sendable {
    let refusal = Mutex(false)

    func noteRefusal() { refusal.withLock { $0 = true } }
}
