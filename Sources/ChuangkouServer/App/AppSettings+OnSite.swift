import Configuration

extension AppSettings {
    /// `chuangkou.onsite.per-minute-per-address` (5, 1–600): public on-site requests and query-code look-ups from one
    /// source address each minute. A family asking and then checking stays under it; a script does not. Out-of-range
    /// values are held to the nearest bound.
    static func onSitePerMinutePerAddress(_ reader: ConfigReader) -> Int {
        min(600, max(1, reader.int(forKey: "chuangkou.onsite.per-minute-per-address", default: 5)))
    }
}
