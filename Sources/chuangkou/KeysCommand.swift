import ArgumentParser
import ChuangkouServer
import ChuangkouStore
import Foundation

/// `chuangkou keys rotate|status|retire`: the data key that seals ID numbers and phones at rest.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Rotate the data key that seals personal data at rest.",
        subcommands: [Rotate.self, Status.self, Retire.self]
    )

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new sealing key and re-seal every sealed field under it, in batches, while the hall runs.",
            discussion: """
                With the key file, a new key goes first in the file (the old ones stay, for opening) and running servers \
                pick it up. With keys in chuangkou.data-key, put the new key first yourself (NEW,OLD), restart the servers, \
                then run this to re-seal. Interrupted, it is finished by running it again or by a server's restart; nothing \
                becomes unreadable. Old keys leave the file with `keys retire` once no value uses them.
                """
        )
        @OptionGroup var options: ServerOptions
        @Option(help: "Values re-sealed per transaction.")
        var batch: Int = 200
        @Flag(help: "Re-seal under the current sealing key without adding a new one (finish an interrupted rotation).")
        var resume = false

        func run() async throws {
            try await options.withDatabase { database, settings in
                var sealer = try settings.loadDataSealer()
                if settings.dataKey == nil {
                    let census = try await DataKeyRotation(database: database, sealer: sealer).census()
                    let unfinished = census.keys.contains { $0 != sealer.sealingKeyID }
                    if !resume && !unfinished {
                        let id = try DataSealer.addSealingKey(toKeyFile: settings.dataKeyFile)
                        print("New sealing key k\(id) added to \(settings.dataKeyFile).")
                        sealer = try settings.loadDataSealer()
                        // Give running servers time to see the new key before the last pass (they reread within a second).
                    } else if unfinished {
                        print("Finishing the rotation to k\(sealer.sealingKeyID).")
                    }
                }
                let rotation = DataKeyRotation(database: database, sealer: sealer)
                var total = try await rotation.run(batchSize: max(1, min(batch, 10_000)))
                try await Task.sleep(for: .seconds(2))
                total += try await rotation.run(batchSize: max(1, min(batch, 10_000)))
                print("Re-sealed \(total) values under k\(sealer.sealingKeyID).")
                for (id, count) in try await rotation.census().sorted(by: { $0.key < $1.key }) { print("  k\(id): \(count) values") }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many sealed values each key seals.")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            try await options.withDatabase { database, settings in
                let sealer = try settings.loadDataSealer()
                print("Sealing key: k\(sealer.sealingKeyID); keys in the ring: \(sealer.keyIDs.map { "k\($0)" }.joined(separator: ", "))")
                for (id, count) in try await DataKeyRotation(database: database, sealer: sealer).census().sorted(by: { $0.key < $1.key }) {
                    print("  k\(id): \(count) values")
                }
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove from the key file every old key no sealed value uses any more.")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            try await options.withDatabase { database, settings in
                guard settings.dataKey == nil else {
                    print("The keys come from chuangkou.data-key: remove the old key from that setting yourself.")
                    return
                }
                let sealer = try settings.loadDataSealer()
                let census = try await DataKeyRotation(database: database, sealer: sealer).census()
                if census["legacy"] != nil {
                    print("Values sealed before key ids remain: run `chuangkou keys rotate --resume` first.")
                    throw ExitCode.failure
                }
                let removed = try DataSealer.retireKeys(inKeyFile: settings.dataKeyFile, except: Set(census.keys))
                print(removed.isEmpty ? "No key to retire." : "Retired \(removed.map { "k\($0)" }.joined(separator: ", ")).")
            }
        }
    }
}
