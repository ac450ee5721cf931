import ArgumentParser
import ChuangkouServer

/// `chuangkou`: runs the hall (`serve`, the default) and its admin tasks.
@main
struct Chuangkou: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chuangkou",
        abstract: "窗口 Chuangkou — the service hall: queue, windows, display, guides, working days and deadlines.",
        subcommands: [
            Serve.self, Migrate.self, CatalogCommand.self, CalendarCommand.self, DeadlinesCommand.self, AuditCommand.self, KeysCommand.self,
            SeedRatings.self,
            SeedDesk.self,
        ],
        defaultSubcommand: Serve.self
    )
}
