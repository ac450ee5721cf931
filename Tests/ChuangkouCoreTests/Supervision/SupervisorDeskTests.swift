import ChuangkouCore
import Foundation
import Testing

@Suite("The supervisor's desk figures")
struct SupervisorDeskTests {
    let wang = Badge("010231")!
    let li = Badge("010232")!
    let opening = Date(timeIntervalSince1970: 1_772_413_200)  // 2026-03-02 09:00 in Shanghai
    let today = LocalDate("2026-03-02")!

    func at(_ minutes: Double) -> Date { opening.addingTimeInterval(minutes * 60) }

    /// A hand-made day: 王 serves three (waits 5, 10, 30 min; services 10, 20, 6 min) and loses one to a no-show
    /// (wait 2 min); 李 serves one (wait 0, service 15 min); one ticket is still waiting.
    var day: SupervisorDesk.Inputs {
        var inputs = SupervisorDesk.Inputs()
        func served(_ officer: Badge, issued: Double, called: Double, started: Double, finished: Double) -> DeskTicket {
            DeskTicket(
                officer: officer,
                outcome: .finished,
                issuedAt: at(issued),
                calledAt: at(called),
                startedAt: at(started),
                finishedAt: at(finished)
            )
        }
        inputs.tickets = [
            served(wang, issued: 0, called: 5, started: 6, finished: 16),
            served(wang, issued: 10, called: 20, started: 20, finished: 40),
            served(wang, issued: 15, called: 45, started: 46, finished: 52),
            DeskTicket(officer: wang, outcome: .noShow, issuedAt: at(50), calledAt: at(52), startedAt: nil, finishedAt: nil),
            served(li, issued: 30, called: 30, started: 31, finished: 46),
            DeskTicket(officer: nil, outcome: .other, issuedAt: at(60), calledAt: nil, startedAt: nil, finishedAt: nil),
        ]
        inputs.outOfTurn = [
            .init(officer: wang, reviewed: false, flagged: false),
            .init(officer: wang, reviewed: true, flagged: true),
            .init(officer: li, reviewed: true, flagged: false),
        ]
        inputs.breaches = [li]
        inputs.clocks = [
            .init(owner: wang, due: today, stoppedOn: LocalDate("2026-02-27")!),
            .init(owner: wang, due: LocalDate("2026-02-27")!, stoppedOn: nil),
            .init(owner: li, due: today, stoppedOn: LocalDate("2026-03-03")!),
            .init(owner: li, due: LocalDate("2026-03-05")!, stoppedOn: nil),
        ]
        inputs.badReviews = [.init(officer: wang, open: true), .init(officer: wang, open: false)]
        inputs.complaints = [
            .init(concerned: [wang], open: true, overdue: true),
            .init(concerned: [], open: true, overdue: false),
            .init(concerned: [wang, li], open: false, overdue: false),
        ]
        inputs.inspectionFindingsOpen = [li, li, wang]
        return inputs
    }

    @Test("every figure of the hand-made day, for the hall and for each officer")
    func handMadeDay() {
        let rows = SupervisorDesk.rows(day, today: today)
        #expect(rows.map(\.officer) == [nil, wang, li])
        let (hall, w, l) = (rows[0], rows[1], rows[2])

        #expect(w.queue.served == 3 && w.queue.noShows == 1)
        // Waits 5, 10, 30, 2 min: mean 11.75 min = 705 s; p90 of four is the 4th smallest: 30 min.
        #expect(w.queue.averageWaitSeconds == 705 && w.queue.p90WaitSeconds == 1_800)
        // Services 10, 20, 6 min: mean 12 min; p90 of three is the largest: 20 min.
        #expect(w.queue.averageServiceSeconds == 720 && w.queue.p90ServiceSeconds == 1_200)
        #expect(l.queue.served == 1 && l.queue.averageWaitSeconds == 0 && l.queue.p90ServiceSeconds == 900)
        // The hall: waits 5, 10, 30, 2, 0 → mean 9.4 min = 564 s, p90 = 30 min; services 10, 20, 6, 15 → 12.75 min = 765 s.
        #expect(hall.queue.served == 4 && hall.queue.noShows == 1)
        #expect(hall.queue.averageWaitSeconds == 564 && hall.queue.p90WaitSeconds == 1_800 && hall.queue.averageServiceSeconds == 765)

        #expect((w.outOfTurnOpen, w.outOfTurnReviewed, w.outOfTurnFlagged) == (1, 1, 1))
        #expect((l.outOfTurnOpen, l.outOfTurnReviewed, l.outOfTurnFlagged) == (0, 1, 0))
        #expect((hall.outOfTurnOpen, hall.outOfTurnReviewed, hall.outOfTurnFlagged) == (1, 2, 1))
        #expect((hall.breaches, w.breaches, l.breaches) == (1, 0, 1))
        #expect((w.casesOnTime, w.casesOverdue) == (1, 1))
        #expect((l.casesOnTime, l.casesOverdue) == (0, 1))
        #expect((hall.casesOnTime, hall.casesOverdue) == (1, 2))
        #expect((w.badReviews, w.badReviewsOpen, l.badReviews) == (2, 1, 0))
        #expect((hall.complaintsOpen, hall.complaintsOverdue) == (2, 1))
        #expect((w.complaintsOpen, w.complaintsOverdue, l.complaintsOpen) == (1, 1, 0))
        #expect((hall.inspectionFindingsOpen, w.inspectionFindingsOpen, l.inspectionFindingsOpen) == (3, 1, 2))
    }

    @Test("on-site visits: each once for the hall, once for each team member, by outcome; cases opened on them by officer")
    func visits() {
        var inputs = SupervisorDesk.Inputs()
        inputs.visits = [
            .init(team: [wang, li], recorded: true, outcome: .done),
            .init(team: [wang], recorded: true, outcome: .notPossible),
            .init(team: [li, li], recorded: false, outcome: nil),
            .init(team: [li], recorded: true, outcome: .partly),
            .init(team: [wang], recorded: true, outcome: nil),  // recorded before outcomes were kept apart
        ]
        inputs.onSiteCases = [wang, wang, li]
        let rows = SupervisorDesk.rows(inputs, today: today)
        #expect(rows.map(\.officer) == [nil, wang, li])
        let (hall, w, l) = (rows[0], rows[1], rows[2])
        #expect((hall.visits, hall.visitsDone, hall.visitsPartly, hall.visitsNotPossible, hall.visitsAwaitingResult) == (5, 1, 1, 1, 1))
        #expect((w.visits, w.visitsDone, w.visitsPartly, w.visitsNotPossible, w.visitsAwaitingResult) == (3, 1, 0, 1, 0))
        #expect((l.visits, l.visitsDone, l.visitsPartly, l.visitsNotPossible, l.visitsAwaitingResult) == (3, 1, 1, 0, 1))
        #expect((hall.onSiteCases, w.onSiteCases, l.onSiteCases) == (3, 2, 1))
    }

    @Test(
        "the 90th percentile is the nearest rank",
        arguments: [
            ([], nil), ([7.0], 7), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 10),
            (Array(stride(from: 1.0, through: 30, by: 1)), 27),
        ] as [([Double], Int?)]
    )
    func percentile(values: [Double], expected: Int?) {
        #expect(QueueFigures.percentile90(values.shuffled()) == expected)
    }

    @Test("periods: the day, its ISO week from Monday, its calendar month")
    func periods() throws {
        let thursday = LocalDate("2026-02-12")!
        #expect(try DeskPeriod(.day, containing: thursday).from == thursday)
        let week = try DeskPeriod(.week, containing: thursday)
        #expect(week.from == LocalDate("2026-02-09")! && week.through == LocalDate("2026-02-15")!)
        let month = try DeskPeriod(.month, containing: thursday)
        #expect(month.from == LocalDate("2026-02-01")! && month.through == LocalDate("2026-02-28")!)
        #expect(try DeskPeriod(.week, containing: LocalDate("2026-02-15")!).from == LocalDate("2026-02-09")!)
    }
}
