import ArgumentParser
import ChuangkouCore
import ChuangkouStore
import Foundation

/// `chuangkou calendar import FILE` and `chuangkou calendar show YEAR`: the holiday notices from the command line.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Holiday notices (放假安排): import a year's notice, show a year.",
        subcommands: [ImportNotice.self, ShowYear.self]
    )
}

/// Validates a notice file and publishes each year in it as a new version, all or nothing.
struct ImportNotice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate a notice file and publish a new version of each year in it.",
        discussion: """
            FILE is either a file of years like the shipped holidays-cn.json ({"years": {"2027": {"off": [...], "work": [...]}}})
            or one year's notice ({"off": [...], "work": [...]}) with --year. Any problem: nothing is published, the problems
            are listed and the exit status is 1.
            """
    )

    @OptionGroup var options: ServerOptions

    @Argument(help: "The notice file (JSON).")
    var file: String

    @Option(help: "The year, for a file holding one year's notice (or to import only that year of a file of years).")
    var year: Int?

    @Option(help: "A note kept with the version, e.g. the notice's number.")
    var note: String?

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var notices: [Int: HolidayNotice]
        do {
            notices = try HolidayNotice.years(in: data)
            if let year { notices = notices.filter { $0.key == year } }
        } catch {
            guard let year else { throw ValidationError("\(file) has no \"years\"; give --year for a file with one year's notice") }
            notices = [year: try JSONDecoder().decode(HolidayNotice.self, from: data)]
        }
        guard !notices.isEmpty else { throw ValidationError("\(file) holds no notice\(year.map { " for \($0)" } ?? "")") }
        var arrangements: [HolidayArrangement] = []
        var refused: [NoticeRejected] = []
        for (year, notice) in notices.sorted(by: { $0.key < $1.key }) {
            do {
                arrangements.append(try notice.arrangement(for: year))
            } catch {
                refused.append(error)
            }
        }
        guard refused.isEmpty else {
            for rejection in refused {
                printError("\(rejection.year): \(rejection.problems.count) problem(s), nothing published")
                for problem in rejection.problems { printError("  - \(problem.chinese) / \(problem.english)") }
            }
            throw ExitCode(1)
        }
        let note = note ?? "导入自 / imported from \(URL(fileURLWithPath: file).lastPathComponent)"
        let published = try await options.withDatabase { database, _ in
            try await CalendarRepository(database: database).publish(arrangements, by: nil, note: note, at: Date())
        }
        for version in published {
            print(
                "Published \(version.year) version \(version.version) (\(version.arrangement.daysOff.count) holidays, "
                    + "\(version.arrangement.makeUpWorkdays.count) make-up working days)."
            )
        }
    }
}

/// Prints a year's versions and the notice in force.
struct ShowYear: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a year's notice in force and its versions.")

    @OptionGroup var options: ServerOptions

    @Argument(help: "The year, e.g. 2026.")
    var year: Int

    func run() async throws {
        let versions = try await options.withDatabase { database, _ in try await CalendarRepository(database: database).versions(of: year) }
        guard let current = versions.last else {
            printError("No notice published for \(year): its dates are provisional (Monday–Friday only).")
            throw ExitCode(1)
        }
        print("\(year) — version \(current.version) in force")
        for off in current.arrangement.daysOff {
            print("  off   \(off.from) … \(off.to)  \(off.name)")
        }
        for day in current.arrangement.makeUpWorkdays {
            print("  work  \(day)  (调休 make-up working day)")
        }
        print("Versions:")
        for v in versions.reversed() {
            print("  v\(v.version)  \(v.publishedAt)  by \(v.publishedBy?.value ?? "system")  \(v.note)")
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
