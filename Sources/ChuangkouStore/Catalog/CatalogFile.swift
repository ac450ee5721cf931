import ChuangkouCore
import Foundation
import Yams

/// A guide problem found in a catalog file, with where it is.
public struct LocatedProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem has no single place (an empty file).
    public var line: Int?
    public var column: Int?
    public var problem: GuideProblem

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(problem.messageEnglish) — \(problem.messageChinese)"
    }
}

/// Everything wrong with a catalog (or one guide of it). Nothing is loaded when this is thrown.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public var problems: [LocatedProblem]

    public init(_ problems: [LocatedProblem]) {
        self.problems = problems
    }

    public var description: String {
        "the service-guide catalog has \(problems.count) problem(s):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Reads and writes guides as YAML, one business per file (`Catalog/Resources/catalog/<code>.yaml`).
///
/// The YAML is walked node by node rather than decoded with `Codable`, so that an unknown key, a key given
/// twice or a value of the wrong type is reported with its line, and every problem of a file is reported at
/// once instead of the first one only. The API's JSON bodies go through the same reader (JSON is YAML).
public enum CatalogFile {
    /// Parses one guide. `file` names the source in problems; `expectedCode` (the file name) must match `code`.
    public static func parse(_ text: String, file: String, expectedCode: String? = nil) throws(CatalogError) -> Guide {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CatalogError([syntaxProblem(error, file: file, text: text)])
        } catch {
            throw CatalogError([LocatedProblem(file: file, line: nil, column: nil, problem: GuideProblem("", .syntax, "\(error)"))])
        }
        guard let root else {
            throw CatalogError([LocatedProblem(file: file, line: nil, column: nil, problem: GuideProblem("", .empty))])
        }
        var reader = NodeReader(file: file)
        let guide = reader.guide(root)
        if let guide, let expectedCode, guide.code.value != expectedCode {
            reader.report(GuideProblem("code", .codeDoesNotMatchFile, "\(guide.code) ≠ \(expectedCode)"), at: "code")
        }
        if let guide {
            for problem in guide.problems() { reader.report(problem, at: problem.path) }
        }
        guard let guide, reader.problems.isEmpty else { throw CatalogError(reader.problems) }
        return guide
    }

    /// Loads every `*.yaml` file of a directory as one catalog, in ticket-prefix order. Either the whole catalog
    /// is valid, or `CatalogError` lists every problem of every file.
    public static func load(directory: URL) throws -> [Guide] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var files: [(name: String, text: String)] = []
        for name in names {
            files.append((name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)))
        }
        return try load(files: files)
    }

    /// Loads a catalog from (file name, YAML text) pairs; file names are `<code>.yaml`.
    public static func load(files: [(name: String, text: String)]) throws(CatalogError) -> [Guide] {
        var problems: [LocatedProblem] = []
        var guides: [(file: String, guide: Guide)] = []
        for (name, text) in files {
            let code = name.split(separator: "/").last.map { String($0.split(separator: ".").first ?? "") }
            do {
                guides.append((name, try parse(text, file: name, expectedCode: code)))
            } catch {
                problems += error.problems
            }
        }
        for (index, problem) in CatalogRules.problems(guides.map(\.guide)) where problem.rule == .duplicateCode || problem.rule == .duplicatePrefix {
            // Whole-catalog rules point at the second file that used the code or prefix.
            problems.append(LocatedProblem(file: guides[index].file, line: nil, column: nil, problem: problem))
        }
        if !problems.isEmpty { throw CatalogError(problems) }
        return guides.map(\.guide).sorted { $0.prefix.value < $1.prefix.value }
    }

    /// The catalog that ships with Chuangkou: the ten police window items of RULES §9.
    public static func shipped() throws -> [Guide] {
        guard let directory = Bundle.module.url(forResource: "catalog", withExtension: nil) else {
            throw CatalogError([LocatedProblem(file: "catalog", line: nil, column: nil, problem: GuideProblem("", .missing, "bundle resource"))])
        }
        return try load(directory: directory)
    }

    /// The YAML of one guide, keys in the schema's order, readable by `parse`.
    public static func yaml(_ guide: Guide) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        encoder.options.sortKeys = false
        return try encoder.encode(guide)
    }

    private static func syntaxProblem(_ error: YamlError, file: String, text: String) -> LocatedProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return LocatedProblem(file: file, line: mark.line, column: mark.column, problem: GuideProblem("", .syntax, problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the mapping; the reader wants the second occurrence of the key itself.
            let key = duplicates.first ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let second = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("\(key):") }.dropFirst().first
            return LocatedProblem(
                file: file,
                line: second.map { $0 + 1 } ?? context.mark.line,
                column: nil,
                problem: GuideProblem(duplicates.joined(separator: ", "), .duplicateKey)
            )
        default:
            return LocatedProblem(file: file, line: nil, column: nil, problem: GuideProblem("", .syntax, "\(error)"))
        }
    }
}

extension CatalogFile {
    /// Writes one `<code>.yaml` per guide into `directory` (created if needed), the layout `load(directory:)` reads.
    /// Returns the files written.
    @discardableResult
    public static func write(_ guides: [Guide], to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try guides.map { guide in
            let file = directory.appendingPathComponent("\(guide.code).yaml")
            try yaml(guide).write(to: file, atomically: true, encoding: .utf8)
            return file
        }
    }
}
