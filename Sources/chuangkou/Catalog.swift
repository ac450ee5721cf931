import ArgumentParser
import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging

/// `chuangkou catalog export|import`: the whole catalog of service guides as YAML files, one per business.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Export or import the service-guide catalog (办事指南) as YAML files.",
        subcommands: [Export.self, Import.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the guides in force, one <code>.yaml per business.")

        @OptionGroup var options: ServerOptions
        @Option(name: .customLong("to"), help: "Directory to write into (created if missing).")
        var directory: String = "./catalog"

        func run() async throws {
            try await options.withDatabase { database, _ in
                let guides = try await GuideRepository(database: database).current().map(\.guide)
                let files = try CatalogFile.write(guides, to: URL(fileURLWithPath: directory))
                print("Exported \(files.count) guides to \(directory).")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a directory of guide YAML files and publish the changed ones as new versions, all or nothing."
        )

        @OptionGroup var options: ServerOptions
        @Argument(help: "Directory of <code>.yaml files.")
        var directory: String
        @Option(help: "What changed, recorded with every new version.")
        var note: String = "命令行导入办事指南"

        func run() async throws {
            let guides: [Guide]
            do {
                guides = try CatalogFile.load(directory: URL(fileURLWithPath: directory))
            } catch let error as CatalogError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode.failure
            }
            try await options.withDatabase { database, _ in
                do {
                    let done = try await GuideRepository(database: database).publish(catalog: guides, by: nil, note: note, at: Date())
                    for publication in done {
                        print(
                            "  \(publication.code): "
                                + (publication.changed ? "version \(publication.version) published" : "unchanged (version \(publication.version))")
                        )
                    }
                    print("Imported \(done.count) guides; \(done.filter(\.changed).count) changed.")
                } catch let error as GuideRejected {
                    FileHandle.standardError.write(Data("not imported:\n\(error.problems.map { "  \($0)" }.joined(separator: "\n"))\n".utf8))
                    throw ExitCode.failure
                }
            }
        }
    }
}
