import ChuangkouCore
import ChuangkouStore
import Foundation

/// The demo hall's people and things, named for tests.
enum Demo {
    static let hall = DemoHall.hall
    static let officers = DemoHall.officers.filter { $0.role == .officer }.map(\.badge)
    static let idCard = BusinessCode("id-card")!
    static let residence = BusinessCode("residence-permit")!
    static let seal = BusinessCode("seal-filing")!
    static let toxic = BusinessCode("toxic-chemical-permit")!

    /// Signs officer i in to window i+1 for the first `count` windows.
    static func openWindows(_ count: Int, in database: Database, at now: Date = Date()) async throws {
        let windows = WindowRepository(database: database)
        for i in 0..<count {
            _ = try await windows.signIn(WindowNumber(i + 1)!, officer: officers[i], at: now)
        }
    }
}
