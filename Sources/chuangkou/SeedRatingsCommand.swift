import ArgumentParser
import ChuangkouCore
import ChuangkouStore
import Foundation

/// `chuangkou seed-ratings --count 1000000`: fills a hall (started once, so its windows and officers exist) with past
/// ratings for the results benchmark. Not for a real hall: the ratings are made up.
struct SeedRatings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-ratings",
        abstract: "Add made-up past ratings (and closed items for the bad ones) to a hall, for benchmarks.",
        discussion: "Batched inserts, one transaction per batch; tallies kept as single ratings keep them. Never on a real hall."
    )

    @OptionGroup var options: ServerOptions

    @Option(help: "How many ratings to add (1…10000000).")
    var count = 100_000

    @Option(help: "The last month to fill, YYYY-MM (default: this month).")
    var month: String?

    @Option(help: "Months to spread the ratings over, ending with --month (1…120).")
    var months = 12

    @Option(help: "Share of bad reviews (1 or 2), 0…1.")
    var badShare = 0.04

    @Option(help: "Ratings per transaction (100…50000).")
    var batch = 2_000

    func validate() throws {
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count is 1…10000000") }
        guard (1...120).contains(months) else { throw ValidationError("--months is 1…120") }
        guard (0...1).contains(badShare) else { throw ValidationError("--bad-share is 0…1") }
        guard (100...50_000).contains(batch) else { throw ValidationError("--batch is 100…50000") }
        if let month, month.count != 7 || LocalDate(month + "-01") == nil { throw ValidationError("--month is YYYY-MM") }
    }

    func run() async throws {
        try await options.withDatabase { database, _ in
            guard let hall = try await HallRepository(database: database).load() else {
                throw ValidationError("No hall in this database yet: start the server on it once (it loads the demo hall).")
            }
            let last = month.flatMap { LocalDate($0 + "-01") } ?? hall.serviceDay(at: Date())
            let plan = RatingSeeder.Plan(count: count, lastMonth: last, months: months, badShare: badShare, batch: batch)
            let started = Date()
            let (total, batch) = (count, batch)
            let step = max(total / 20, batch)
            let added = try await RatingSeeder(database: database).seed(plan, hall: hall) { done in
                if done % step < batch || done == total { print("  \(done) ratings …") }
            }
            let seconds = Date().timeIntervalSince(started)
            print("Added \(added) ratings in \(String(format: "%.1f", seconds)) s (\(Int(Double(added) / max(seconds, 0.001)))/s).")
        }
    }
}
