import ChuangkouCore
import Foundation

/// Instants as staff pages show them: "2026-03-02 09:41" in the hall's zone, never UTC ISO text.
enum PageClock {
    static func minute(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return "\(LocalDate(date, in: zone)) \(String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0))"
    }
}
