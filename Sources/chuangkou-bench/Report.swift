import Foundation
import Histogram

/// Turns the two phases' tallies into a table for people and one JSON line for scripts.
struct Report {
    let url: String
    let clients: Int
    let windows: Int
    let warmupSeconds: Double
    let measuredSeconds: Double
    let lifecycle: Tally
    let healthz: Tally

    private static let lifecycleSteps: [Step] = [.issue, .callNext, .start, .finish]

    func table() -> String {
        var lines: [String] = []
        lines.append("")
        lines.append(
            "chuangkou-bench  \(url)  clients=\(clients)  windows=\(windows)  warmup=\(warmupSeconds)s  measured=\(measuredSeconds)s per phase"
        )
        lines.append("")
        lines.append(Self.row("step", "ok", "p50 ms", "p90 ms", "p99 ms", "max ms"))
        for step in Self.lifecycleSteps {
            lines.append(Self.row(step, lifecycle.histogram(step)))
        }
        lines.append(Self.row(.healthz, healthz.histogram(.healthz)) + "   (ceiling, separate phase)")
        lines.append("")
        lines.append(
            "lifecycles/s        \(Self.rate(lifecycle.lifecycles, lifecycle.seconds))   (\(lifecycle.lifecycles) finished in "
                + "\(Self.fixed(lifecycle.seconds, 2)) s)"
        )
        lines.append("lifecycle req/s     \(Self.rate(lifecycle.completed, lifecycle.seconds))   (all four steps, ok responses)")
        lines.append("healthz req/s       \(Self.rate(healthz.completed, healthz.seconds))   (ceiling: same client, clients and duration)")
        lines.append("empty calls (204)   \(lifecycle.emptyCalls)")
        lines.append("call-next 409 retry \(lifecycle.conflicts)")
        let errors = allErrors
        if errors.isEmpty {
            lines.append("errors              none")
        } else {
            lines.append("errors (whole run, warm-up and drain included):")
            for (key, count) in errors.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(Self.pad(String(count), 8, right: true))  \(key)")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// One line, `SUMMARY {json}`: `grep '^SUMMARY ' | cut -c9- | jq .`
    func summaryLine() -> String {
        var steps: [String: StepSummary] = [:]
        for step in Self.lifecycleSteps {
            steps[step.label] = StepSummary(lifecycle.histogram(step))
        }
        steps[Step.healthz.label] = StepSummary(healthz.histogram(.healthz))
        let summary = Summary(
            url: url,
            clients: clients,
            windows: windows,
            warmupSeconds: warmupSeconds,
            measuredSeconds: measuredSeconds,
            lifecycles: lifecycle.lifecycles,
            lifecyclesPerSecond: Self.rounded(Double(lifecycle.lifecycles) / lifecycle.seconds),
            lifecycleRequestsPerSecond: Self.rounded(Double(lifecycle.completed) / lifecycle.seconds),
            healthzRequestsPerSecond: Self.rounded(Double(healthz.completed) / healthz.seconds),
            emptyCalls: lifecycle.emptyCalls,
            callNextConflicts: lifecycle.conflicts,
            errors: allErrors,
            steps: steps
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(summary)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return "SUMMARY \(json)"
    }

    private var allErrors: [String: Int] {
        lifecycle.errors.merging(healthz.errors, uniquingKeysWith: +)
    }

    // MARK: formatting

    private static func row(_ step: Step, _ h: Histogram<UInt64>) -> String {
        guard h.totalCount > 0 else { return row(step.label, "0", "-", "-", "-", "-") }
        return row(
            step.label,
            String(h.totalCount),
            ms(h.valueAtPercentile(50)),
            ms(h.valueAtPercentile(90)),
            ms(h.valueAtPercentile(99)),
            ms(h.maxRecorded)
        )
    }

    private static func row(_ cells: String...) -> String {
        pad(cells[0], 10) + cells.dropFirst().map { pad($0, 10, right: true) }.joined()
    }

    private static func ms(_ micros: UInt64) -> String { fixed(Double(micros) / 1000, 3) }

    private static func rate(_ count: Int, _ seconds: Double) -> String {
        pad(fixed(seconds > 0 ? Double(count) / seconds : 0, 1), 10, right: true)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    private static func rounded(_ value: Double) -> Double {
        value.isFinite ? (value * 10).rounded() / 10 : 0
    }
}

private struct StepSummary: Encodable {
    let count: UInt64
    let p50Us: UInt64
    let p90Us: UInt64
    let p99Us: UInt64
    let maxUs: UInt64

    init(_ h: Histogram<UInt64>) {
        let any = h.totalCount > 0
        count = h.totalCount
        p50Us = any ? h.valueAtPercentile(50) : 0
        p90Us = any ? h.valueAtPercentile(90) : 0
        p99Us = any ? h.valueAtPercentile(99) : 0
        maxUs = any ? h.maxRecorded : 0
    }
}

private struct Summary: Encodable {
    let url: String
    let clients: Int
    let windows: Int
    let warmupSeconds: Double
    let measuredSeconds: Double
    let lifecycles: Int
    let lifecyclesPerSecond: Double
    let lifecycleRequestsPerSecond: Double
    let healthzRequestsPerSecond: Double
    let emptyCalls: Int
    let callNextConflicts: Int
    let errors: [String: Int]
    let steps: [String: StepSummary]
}
