import ChuangkouCore
import Testing

@Suite("Wait estimate")
struct WaitEstimateTests {
    @Test(
        "the line ahead drains across the open windows",
        arguments: [
            (1, 6.0, 2, 0), (2, 6.0, 1, 6), (5, 6.0, 2, 12), (4, 10.0, 3, 10), (11, 2.5, 4, 7),
        ]
    )
    func minutes(position: Int, average: Double, windows: Int, expected: Int) {
        #expect(WaitEstimate.minutes(position: position, averageServiceMinutes: average, openWindows: windows) == expected)
    }

    @Test("with no open window there is no estimate rather than a made-up one")
    func noWindow() {
        #expect(WaitEstimate.minutes(position: 3, averageServiceMinutes: 5, openWindows: 0) == nil)
    }

    @Test("today's average replaces the typical time once there are enough samples")
    func average() {
        let policy = QueuePolicy(serviceSamplesForEstimate: 3)
        #expect(WaitEstimate.averageServiceMinutes(recentSeconds: [60, 120], typicalMinutes: 8, policy: policy) == 8)
        #expect(WaitEstimate.averageServiceMinutes(recentSeconds: [60, 120, 180], typicalMinutes: 8, policy: policy) == 2)
    }
}
