import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Inspections in the store")
struct InspectionRepositoryTests {
    @Test("the officer signed in at an inspected window never inspects it; a finding is a follow-up with a message to its owner")
    func record() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            try await Demo.openWindows(2, in: db, at: now)
            let inspections = InspectionRepository(database: db)
            let supervisor = Badge("010300")!
            let day = Demo.hall.serviceDay(at: now)
            await #expect(throws: InspectionError.selfInspection(Demo.officers[1])) {
                _ = try await inspections.record(
                    day: day,
                    inspectors: [supervisor, Demo.officers[1]],
                    windows: [1, 2],
                    inspected: [],
                    problems: [],
                    by: supervisor,
                    at: now
                )
            }
            let inspection = try await inspections.record(
                day: day,
                inspectors: [supervisor, Badge("010100")!],
                windows: [1],
                inspected: [],
                problems: [.init(item: .uniform, window: 1, note: "未佩戴警号", owner: Demo.officers[0], workingDays: 2)],
                by: supervisor,
                at: now
            )
            #expect(inspection.inspected == [Demo.officers[0]] && inspection.findings.count == 1)
            #expect(try await inspections.openFollowUps() == [Demo.officers[0]: 1])
            let messages = try await NotificationOutbox(database: db).all().filter { $0.kind == "inspection.follow-up" }
            #expect(messages.map(\.recipient) == [Demo.officers[0]])
        }
    }
}
