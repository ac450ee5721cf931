import ArgumentParser
import ChuangkouCore
import ChuangkouServer
import ChuangkouStore
import Foundation

/// `chuangkou deadlines check`: runs the deadline watch once, as the server does every few minutes.
struct DeadlinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "Deadline clocks (限时办结).",
        subcommands: [CheckDeadlines.self]
    )
}

struct CheckDeadlines: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find clocks entering warning or overdue, notify their owner and the duty leaders (outbox), print them.",
        discussion: "Safe to run beside running servers: each change of state is announced once, whoever finds it first."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let findings = try await options.withDatabase { database, settings in
            try await DeadlineWatch(database: database, officeHours: settings.officeHours, warningWithin: settings.deadlineWarningWithin)
                .check(at: Date())
        }
        guard !findings.isEmpty else {
            print("No deadline entered warning or overdue.")
            return
        }
        for finding in findings {
            let status = finding.status
            let told = finding.recipients.isEmpty ? "recorded" : "notified \(finding.recipients.map(\.value).joined(separator: ", "))"
            print(
                """
                \(finding.alert.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(finding.record.subject) [\(finding.record.id)] \
                owner \(finding.record.owner) · promised \(status.promisedDue)\(status.provisional ? " (provisional)" : "") · \
                statutory \(status.statutoryDue) · \(status.workingDaysLeft) working day(s) left · \(told)
                """
            )
        }
    }
}
