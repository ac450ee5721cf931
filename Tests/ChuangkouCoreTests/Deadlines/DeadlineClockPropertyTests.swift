import ChuangkouCore
import PropertyBased
import Testing

@Suite("Deadline clock properties")
struct DeadlineClockPropertyTests {
    let calendar = DeadlineFixture.calendar
    let first = LocalDate("2025-01-01")!

    /// Pauses as (days after the previous event, length in days); the last one is left open when `openLast`.
    func paused(_ clock: DeadlineClock, _ pauses: [(Int, Int)], openLast: Bool) throws -> [DeadlineClock] {
        var clock = clock
        var steps = [clock]
        var cursor = clock.acceptedOn
        for (index, (gap, length)) in pauses.enumerated() {
            let start = try cursor.adding(days: gap)
            try clock.pause(.supplement, reason: "补正", applicantNotifiedInWriting: true, on: start)
            steps.append(clock)
            if openLast && index == pauses.count - 1 { break }
            cursor = try start.adding(days: length)
            try clock.resume(on: cursor)
            steps.append(clock)
        }
        return steps
    }

    @Test("pauses only push due dates later, by exactly the paused working days")
    func pausesPushLater() async {
        let pauses = zip(Gen.int(in: 0...10), Gen.int(in: 0...12)).array(of: 0...4)
        await propertyCheck(input: Gen.int(in: 0...700), Gen.int(in: 0...25), pauses, Gen.bool, Gen.int(in: 0...120)) {
            offset,
            limit,
            pauses,
            openLast,
            todayOffset in
            let accepted = try first.adding(days: offset)
            let today = try accepted.adding(days: todayOffset)
            let clock = try DeadlineClock(acceptedOn: accepted, statutoryLimit: limit, promisedLimit: limit / 2)
            // Each step is compared with the last one without an open pause: an open pause is read through `today`,
            // and a resumption dated before `today` may rightly give back the days after it.
            var previous = clock.status(on: today, calendar: calendar)
            for step in try paused(clock, pauses, openLast: openLast) {
                let status = step.status(on: today, calendar: calendar)
                #expect(status.promisedDue >= previous.promisedDue && status.statutoryDue >= previous.statutoryDue)
                let excluded = step.pausedWorkingDays(asOf: today, calendar: calendar).value
                #expect(status.statutoryDue == (try calendar.adding(workingDays: limit + excluded, to: accepted)).value)
                if !step.isPaused { previous = status }
            }
        }
    }

    @Test("a due date with a positive limit is always a working day")
    func dueIsWorkingDay() async {
        let pauses = zip(Gen.int(in: 0...10), Gen.int(in: 0...12)).array(of: 0...3)
        await propertyCheck(input: Gen.int(in: 0...700), Gen.int(in: 1...30), Gen.int(in: 0...10), pauses, Gen.int(in: 0...90)) {
            offset,
            limit,
            extensionDays,
            pauses,
            todayOffset in
            let accepted = try first.adding(days: offset)
            var clock = try DeadlineClock(acceptedOn: accepted, statutoryLimit: limit, promisedLimit: (limit + 1) / 2)
            if extensionDays > 0 {
                try clock.extend(by: extensionDays, reason: "复杂", approvedBy: DeadlineFixture.leader, on: accepted)
            }
            let last = try #require(try paused(clock, pauses, openLast: false).last)
            let status = try last.status(on: accepted.adding(days: todayOffset), calendar: calendar)
            #expect(calendar.isWorkingDay(status.promisedDue).value && calendar.isWorkingDay(status.statutoryDue).value)
        }
    }

    @Test("without pauses, used + left is the promised limit plus extension on every day up to the due date")
    func usedPlusLeft() async {
        await propertyCheck(input: Gen.int(in: 0...700), Gen.int(in: 0...30), Gen.int(in: 0...10), Gen.int(in: 0...60)) {
            offset,
            limit,
            extensionDays,
            todayOffset in
            let accepted = try first.adding(days: offset)
            var clock = try DeadlineClock(acceptedOn: accepted, statutoryLimit: limit, promisedLimit: limit)
            if extensionDays > 0 {
                try clock.extend(by: extensionDays, reason: "复杂", approvedBy: DeadlineFixture.leader, on: accepted)
            }
            let due = clock.promisedDue(on: accepted, calendar: calendar).value
            let today = try min(accepted.adding(days: todayOffset), due)
            let status = clock.status(on: today, calendar: calendar)
            #expect(status.workingDaysUsed + status.workingDaysLeft == limit + extensionDays)
            #expect(status.workingDaysUsed == calendar.workingDays(after: accepted, through: today).value)
            #expect(status.workingDaysLeft == calendar.workingDays(after: today, through: due).value)
            #expect(status.state != .overdue && status.state != .paused)
        }
    }

    @Test("while a pause is open, the working days left do not change")
    func leftFrozenWhilePaused() async {
        await propertyCheck(input: Gen.int(in: 0...700), Gen.int(in: 1...30), Gen.int(in: 0...20), Gen.int(in: 0...40)) {
            offset,
            limit,
            pauseOffset,
            laterOffset in
            let accepted = try first.adding(days: offset)
            var clock = try DeadlineClock(acceptedOn: accepted, statutoryLimit: limit, promisedLimit: limit)
            let pausedOn = try accepted.adding(days: pauseOffset)
            try clock.pause(.expertReview, reason: "专家评审", applicantNotifiedInWriting: true, on: pausedOn)
            let atPause = clock.status(on: pausedOn, calendar: calendar)
            let later = try clock.status(on: pausedOn.adding(days: laterOffset), calendar: calendar)
            #expect(later.state == .paused && later.workingDaysLeft == atPause.workingDaysLeft)
            #expect(later.workingDaysUsed == atPause.workingDaysUsed)
        }
    }
}
