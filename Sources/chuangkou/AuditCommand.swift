import ArgumentParser
import ChuangkouCore
import ChuangkouServer
import ChuangkouStore
import Foundation

/// `chuangkou audit verify|anchor|archive`: the tamper-evident audit log (RULES §11).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The tamper-evident audit log: verify the hash chain, write the day's anchor, archive old rows.",
        subcommands: [Verify.self, Anchor.self, Archive.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every link of the hash chain, the daily anchors and (with --archives) the archive files.",
            discussion: "Prints the first broken link and exits with 1 when the chain does not hold."
        )

        @OptionGroup var options: ServerOptions
        @Option(help: "The archive directory to check as well (default: the setting chuangkou.audit.archive-directory).")
        var archives: String?
        @Flag(help: "Do not check the archive files.")
        var noArchives = false

        func run() async throws {
            let result = try await options.withDatabase { database, settings in
                try await AuditLog(database: database).verify(
                    anchorKey: try settings.loadAuditKey(),
                    archiveDirectory: noArchives ? nil : (archives ?? settings.auditArchiveDirectory)
                )
            }
            let range = result.firstSeq.map { "rows \($0)–\(result.lastSeq ?? $0)" } ?? "no rows"
            print("Checked \(result.rowsChecked) rows (\(range)), \(result.anchorsChecked) anchors, \(result.archivesChecked) archives.")
            if let broken = result.firstBreak {
                print("BROKEN: \(broken)")
                throw ExitCode.failure
            }
            print("The audit chain is intact.")
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write today's anchor (the servers do it every day).")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let anchor = try await options.withDatabase { database, settings in
                let hall = try await HallRepository(database: database).load()
                let day = (hall ?? DemoHall.hall).serviceDay(at: Date())
                return try await AuditLog(database: database).anchor(day: day, key: try settings.loadAuditKey(), at: Date())
            }
            print(anchor.map { "Anchored \($0.day) at row \($0.seq)." } ?? "Today is anchored already (or the log is empty).")
        }
    }

    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move rows older than the retention period (chuangkou.audit.retention-days, at least 180) into archive files."
        )
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let archives = try await options.withDatabase { database, settings in
                let cutoff = Date().addingTimeInterval(-Double(settings.auditRetentionDays) * 86_400)
                return try await AuditLog(database: database).archive(
                    olderThan: cutoff,
                    into: settings.auditArchiveDirectory,
                    anchorKey: try settings.loadAuditKey(),
                    at: Date()
                )
            }
            for archive in archives { print("  \(archive.file): rows \(archive.firstSeq)–\(archive.throughSeq)") }
            print("Archived \(archives.reduce(0) { $0 + $1.rowCount }) rows in \(archives.count) files.")
        }
    }
}
