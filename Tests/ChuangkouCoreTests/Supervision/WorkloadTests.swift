import ChuangkouCore
import Foundation
import Testing

@Suite("Workload per officer and day (避免厌烦)")
struct WorkloadTests {
    let wang = Badge("010231")!
    let li = Badge("010232")!
    let zone = TimeZone(identifier: "Asia/Shanghai")!
    let opening = Date(timeIntervalSince1970: 1_772_413_200)  // 2026-03-02 09:00 in Shanghai, a Monday
    let monday = LocalDate("2026-03-02")!

    func at(_ minutes: Double) -> Date { opening.addingTimeInterval(minutes * 60) }
    func change(_ officer: Badge, _ action: Workload.WindowChange.Action, _ minutes: Double) -> Workload.WindowChange {
        .init(officer: officer, action: action, at: at(minutes))
    }

    /// 王 signs in at 9:00, pauses 10:00–10:15 and 11:00–11:05, signs out at 12:00 and serves two tickets (20 and 40
    /// minutes); 李 signs in at 9:30 and is still signed in at 12:20 ("now"), one ticket served 10:00–10:30 unfinished.
    var day: Workload.Inputs {
        var inputs = Workload.Inputs()
        inputs.changes = [
            change(wang, .signIn, 0), change(wang, .pause, 60), change(wang, .resume, 75), change(wang, .pause, 120),
            change(wang, .resume, 125), change(wang, .signOut, 180), change(li, .signIn, 30),
        ]
        inputs.services = [
            .init(officer: wang, start: at(5), end: at(25), finished: true),
            .init(officer: wang, start: at(80), end: at(120), finished: true),
            .init(officer: li, start: at(60), end: at(90), finished: false),
        ]
        return inputs
    }

    @Test("a hand-made morning: minutes at the window leave the breaks out, breaks and serving add up, a session still open counts to now")
    func handMadeDay() throws {
        let period = try DeskPeriod(.day, containing: monday)
        let rows = Workload.rows(day, period: period, zone: zone, now: at(200), heavyServingSeconds: 360 * 60)
        #expect(rows.map(\.officer) == [wang, li])
        let w = rows[0].total
        #expect((w.windowSeconds, w.breaks, w.breakSeconds, w.servingSeconds, w.served) == (160 * 60, 2, 20 * 60, 60 * 60, 2))
        let l = rows[1].total
        #expect((l.windowSeconds, l.breaks, l.servingSeconds, l.served) == (170 * 60, 0, 30 * 60, 0))
        #expect(rows[0].days.map(\.day) == [monday] && rows.allSatisfy { $0.heavyDays == 0 })
    }

    @Test("a day with more serving than the limit is marked heavy, the others not; a week keeps each day apart")
    func heavyDays() throws {
        var inputs = Workload.Inputs()
        let tuesday = try monday.adding(days: 1)
        inputs.services = [
            .init(officer: wang, start: at(0), end: at(61), finished: true),
            .init(officer: wang, start: at(24 * 60), end: at(24 * 60 + 59), finished: true),
        ]
        let week = try DeskPeriod(.week, containing: tuesday)
        let rows = Workload.rows(inputs, period: week, zone: zone, now: at(7 * 24 * 60), heavyServingSeconds: 60 * 60)
        let row = try #require(rows.first)
        #expect(row.days.map(\.day) == [monday, tuesday] && row.days.map(\.heavy) == [true, false])
        #expect(row.heavyDays == 1 && row.total.served == 2 && row.total.servingSeconds == 120 * 60)
    }

    @Test("the state before the period carries in: signed in the evening before counts from midnight, a pause from before ends at resume")
    func carriedState() throws {
        let inputs = Workload.Inputs(changes: [change(wang, .signIn, -60 * 12), change(li, .pause, -60 * 11), change(li, .resume, 30)])
        let rows = Workload.rows(inputs, period: try DeskPeriod(.day, containing: monday), zone: zone, now: at(60), heavyServingSeconds: 3_600)
        // Midnight is 9 hours before opening; now is 10:00.
        #expect(rows[0].total.windowSeconds == 10 * 3_600 && rows[0].total.breaks == 0)
        #expect((rows[1].total.breakSeconds, rows[1].total.windowSeconds, rows[1].total.breaks) == (9 * 3_600 + 1_800, 1_800, 0))
    }

    @Test("assignments count per holder: handed over in the period and open now")
    func assignments() throws {
        var inputs = Workload.Inputs()
        inputs.assignments = [
            .init(holder: li, kind: .complaint, inPeriod: true, open: true),
            .init(holder: li, kind: .complaint, inPeriod: false, open: true),
            .init(holder: li, kind: .followUp, inPeriod: true, open: false),
        ]
        let rows = Workload.rows(inputs, period: try DeskPeriod(.month, containing: monday), zone: zone, now: at(0), heavyServingSeconds: 3_600)
        #expect(rows.count == 1 && rows[0].assigned == [.complaint: 1, .followUp: 1] && rows[0].open == [.complaint: 2])
        #expect(rows[0].days.isEmpty)
    }
}

extension Workload.Inputs {
    init(changes: [Workload.WindowChange]) {
        self.init()
        self.changes = changes
    }
}
