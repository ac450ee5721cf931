import ChuangkouCore
import Configuration
import Foundation

extension AppSettings {
    /// `chuangkou.appointments.*`: `opens` (09:00), `closes` (17:30), `lunch` (12:00-13:30, "" for none), `slot-minutes`
    /// (30), `per-business` (4), `per-window` (2), `horizon-days` (14), `cutoff-minutes` (120), `check-in-before` and
    /// `check-in-after` (15 minutes), `no-show-limit` (3), `no-show-days` (30), `block-days` (30). Each bounded; a
    /// malformed time keeps the default.
    static func appointmentPolicy(_ reader: ConfigReader) -> AppointmentPolicy {
        func bounded(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            min(range.upperBound, max(range.lowerBound, reader.int(forKey: ConfigKey("chuangkou.appointments.\(key)"), default: fallback)))
        }
        func clock(_ key: String, _ fallback: Int) -> Int {
            officeHours(reader.string(forKey: ConfigKey("chuangkou.appointments.\(key)"), default: ""))
                .map { $0.closingHour * 60 + $0.closingMinute } ?? fallback
        }
        let opens = clock("opens", 9 * 60)
        let closes = max(opens, clock("closes", 17 * 60 + 30))
        let lunchText = reader.string(forKey: "chuangkou.appointments.lunch", default: "12:00-13:30")
        let lunchParts = lunchText.split(separator: "-").compactMap { officeHours(String($0)) }.map { $0.closingHour * 60 + $0.closingMinute }
        let lunch: Range<Int>? = lunchParts.count == 2 && lunchParts[0] < lunchParts[1] ? lunchParts[0]..<lunchParts[1] : nil
        return AppointmentPolicy(
            opensAt: opens,
            closesAt: closes,
            lunchBreak: lunch,
            slotMinutes: bounded("slot-minutes", 30, 5...240),
            perBusiness: bounded("per-business", 4, 1...500),
            perWindow: bounded("per-window", 2, 1...100),
            horizonDays: bounded("horizon-days", 14, 0...90),
            changeCutoffMinutes: bounded("cutoff-minutes", 120, 0...2880),
            checkInBeforeMinutes: bounded("check-in-before", 15, 0...120),
            checkInAfterMinutes: bounded("check-in-after", 15, 0...120),
            noShows: NoShowRule(
                limit: bounded("no-show-limit", 3, 1...50),
                withinDays: bounded("no-show-days", 30, 1...365),
                blockDays: bounded("block-days", 30, 1...365)
            )
        )
    }

    /// `chuangkou.appointments.id-number-businesses`: comma-separated codes; by default the businesses done for a
    /// person by their identity (ID card, passport, residence permit, …).
    static func appointmentIDNumberBusinesses(_ reader: ConfigReader) -> Set<BusinessCode> {
        let text = reader.string(
            forKey: "chuangkou.appointments.id-number-businesses",
            default: "id-card,temporary-id-card,residence-permit,passport,no-criminal-record,driving-licence"
        )
        return Set(text.split(separator: ",").compactMap { BusinessCode($0.trimmingCharacters(in: .whitespaces)) })
    }

    /// `chuangkou.appointments.day-run-at` (08:00: reminders by day, not at midnight) and
    /// `chuangkou.appointments.day-run-check-minutes` (5, at most 60; 0 turns the run off in this process).
    static func appointmentDayRun(_ reader: ConfigReader) -> (at: Int, check: Duration) {
        let at = officeHours(reader.string(forKey: "chuangkou.appointments.day-run-at", default: "08:00"))
            .map { $0.closingHour * 60 + $0.closingMinute }.flatMap { (0..<24 * 60).contains($0) ? $0 : nil } ?? 8 * 60
        let minutes = min(60, max(0, reader.int(forKey: "chuangkou.appointments.day-run-check-minutes", default: 5)))
        return (at, .seconds(minutes * 60))
    }
}
