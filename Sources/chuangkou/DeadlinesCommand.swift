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
        abstract: "Find clocks, rectification items and complaints entering warning or overdue, notify (outbox), print them.",
        discussion: "Safe to run beside running servers: each change of state is announced once, whoever finds it first."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let at = Date()
        let (findings, rectifications, complaints) = try await options.withDatabase { database, settings in
            let day = (try await HallRepository(database: database).load() ?? DemoHall.hall).serviceDay(at: at)
            return (
                try await DeadlineWatch(database: database, officeHours: settings.officeHours, warningWithin: settings.deadlineWarningWithin)
                    .check(at: at),
                try await RectificationWatch(database: database).check(on: day, at: at),
                try await ComplaintWatch(database: database, policy: settings.complaintPolicy).check(on: day, at: at)
            )
        }
        if findings.isEmpty { print("No deadline entered warning or overdue.") }
        for finding in findings {
            let status = finding.status
            print(
                """
                \(finding.alert.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(finding.record.subject) [\(finding.record.id)] \
                owner \(finding.record.owner) · promised \(status.promisedDue)\(status.provisional ? " (provisional)" : "") · \
                statutory \(status.statutoryDue) · \(status.workingDaysLeft) working day(s) left · \(Self.told(finding.recipients))
                """
            )
        }
        if rectifications.findings.isEmpty { print("No rectification item changed state.") }
        for finding in rectifications.findings {
            print("rectification \(finding.state.rawValue) [\(finding.item)] · \(Self.told(finding.recipients))")
        }
        if complaints.findings.isEmpty { print("No complaint changed state.") }
        for finding in complaints.findings {
            print("complaint \(finding.state.rawValue) [\(finding.complaint)] · \(Self.told(finding.recipients))")
        }
        // A record that cannot be read is named, never allowed to stop the check.
        for id in rectifications.skipped { print("rectification [\(id)] unreadable; skipped") }
        for id in complaints.skipped { print("complaint [\(id)] unreadable; skipped") }
    }

    static func told(_ recipients: [Badge]) -> String {
        recipients.isEmpty ? "recorded" : "notified \(recipients.map(\.value).joined(separator: ", "))"
    }
}
