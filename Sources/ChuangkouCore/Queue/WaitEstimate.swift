/// An estimate of how long a waiting ticket will wait, in whole minutes.
///
/// The windows that serve the business work in parallel, so the line ahead drains at
/// `openWindows / averageServiceMinutes` tickets a minute. With no open window the hall cannot promise a
/// time, and says so (nil) rather than show a made-up number.
public struct WaitEstimate: Sendable, Equatable {
    public static func minutes(position: Int, averageServiceMinutes: Double, openWindows: Int) -> Int? {
        guard openWindows > 0, position > 0 else { return position > 0 ? nil : 0 }
        let ahead = Double(position - 1)
        return Int((ahead * averageServiceMinutes / Double(openWindows)).rounded(.up))
    }

    /// The service time to plan with: today's average once there are enough samples, else the business's typical time.
    public static func averageServiceMinutes(recentSeconds: [Double], typicalMinutes: Int, policy: QueuePolicy) -> Double {
        guard recentSeconds.count >= policy.serviceSamplesForEstimate else { return Double(typicalMinutes) }
        return recentSeconds.reduce(0, +) / Double(recentSeconds.count) / 60
    }
}
