import ArgumentParser
import ChuangkouCore
import ChuangkouServer
import ChuangkouStore
import Foundation

/// `chuangkou seed-desk --database /tmp/desk.sqlite`: years of made-up tickets and cases for the supervisor's desk
/// benchmark. Only on a database named with `--database` (never the hall's default), and only once per database.
struct SeedDesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-desk",
        abstract: "Add made-up past tickets and cases to a hall, for the supervisor's desk benchmark.",
        discussion: "Batched inserts, one transaction per batch. Needs --database: never the hall's own database."
    )

    @OptionGroup var options: ServerOptions

    @Option(help: "How many tickets to add (1…20000000).")
    var tickets = 10_000_000

    @Option(help: "How many cases to add (0…1000000).")
    var cases = 100_000

    @Option(help: "The last service day to fill, YYYY-MM-DD (default: the day before yesterday, so every seeded day is over).")
    var lastDay: String?

    @Option(help: "Days of history ending with --last-day (1…7300).")
    var days = 3_650

    @Option(help: "Tickets per transaction (100…100000).")
    var batch = 20_000

    func validate() throws {
        guard options.database != nil else { throw ValidationError("--database is required: seed a database of its own, never the hall's") }
        guard (1...20_000_000).contains(tickets) else { throw ValidationError("--tickets is 1…20000000") }
        guard (0...1_000_000).contains(cases) else { throw ValidationError("--cases is 0…1000000") }
        guard (1...7_300).contains(days) else { throw ValidationError("--days is 1…7300") }
        guard (100...100_000).contains(batch) else { throw ValidationError("--batch is 100…100000") }
        if let lastDay, LocalDate(lastDay).map({ (2000...9998).contains($0.year) }) != true {
            throw ValidationError("--last-day is YYYY-MM-DD between 2000 and 9998")
        }
    }

    func run() async throws {
        try await options.withDatabase { database, settings in
            guard let hall = try await HallRepository(database: database).load() else {
                throw ValidationError("No hall in this database yet: start the server on it once (it loads the demo hall).")
            }
            let last = try lastDay.flatMap { LocalDate($0) } ?? hall.serviceDay(at: Date()).adding(days: -2)
            guard (try? last.adding(days: 1 - days)).map({ $0.year >= 2000 }) == true else {
                throw ValidationError("--days reaches before 2000")
            }
            let plan = DeskSeeder.Plan(tickets: tickets, cases: cases, lastDay: last, days: days, batch: batch)
            let started = Date()
            let (total, step) = (tickets, max(tickets / 20, batch))
            let report = try await DeskSeeder(database: database).seed(plan, hall: hall, sealer: try settings.loadDataSealer()) { progress in
                switch progress {
                case .tickets(let done) where done % step < 100_000 / 5 || done == total:
                    FileHandle.standardError.write(Data("  \(done) tickets …\n".utf8))
                case .cases(let done) where done % 20_000 < 5_000:
                    FileHandle.standardError.write(Data("  \(done) cases …\n".utf8))
                default: break
                }
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                """
                Added \(report.tickets) tickets (\(report.outOfTurn) called out of turn) and \(report.cases) cases (\(report.overdue) late, \
                \(report.breaches) notice breaches) over \(days) days to \(last) in \(String(format: "%.1f", seconds)) s.
                """
            )
        }
    }
}
