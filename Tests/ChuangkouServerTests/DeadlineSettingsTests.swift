import ChuangkouCore
import Configuration
import Testing

@testable import ChuangkouServer

@Suite("Deadline settings")
struct DeadlineSettingsTests {
    @Test("defaults: a check every 10 minutes, a warning at 1 working day left, the office closing at 17:30")
    func defaults() {
        let settings = AppSettings(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(settings.deadlineCheckInterval == .seconds(600))
        #expect(settings.deadlineWarningWithin == 1)
        #expect(settings.officeHours.closingHour == 17 && settings.officeHours.closingMinute == 30)
        #expect(settings.calendarRefreshInterval == .seconds(60))
    }

    @Test("a hall's own closing time and warning threshold are read; a closing time that is not HH:MM is refused")
    func configured() {
        let settings = AppSettings(
            reader: ConfigReader(
                provider: InMemoryProvider(values: [
                    "chuangkou.deadlines.office-closes": .init(.string("18:00"), isSecret: false),
                    "chuangkou.deadlines.warning-working-days": .init(.int(2), isSecret: false),
                    "chuangkou.deadlines.check-minutes": .init(.int(0), isSecret: false),
                ])
            )
        )
        #expect(settings.officeHours.closingHour == 18 && settings.officeHours.closingMinute == 0)
        #expect(settings.deadlineWarningWithin == 2)
        #expect(settings.deadlineCheckInterval == .zero, "zero turns the watch off in this process")
        for text in ["25:00", "17", "17:60", "half past five"] {
            #expect(AppSettings.officeHours(text) == nil, "\(text)")
        }
    }
}
