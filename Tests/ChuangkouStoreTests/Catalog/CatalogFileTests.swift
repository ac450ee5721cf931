import ChuangkouCore
import ChuangkouStore
import Foundation
import Testing

/// Every catalog rule, each proved with a deliberately broken copy of a shipped file.
@Suite("Catalog files")
struct CatalogFileTests {
    /// The shipped YAML next to the sources (tests read the real files, not copies of them).
    static func shippedDirectory() -> URL? {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ChuangkouStore/Catalog/Resources/catalog")
    }

    static func text(_ code: String) throws -> String {
        try String(contentsOf: try #require(shippedDirectory()).appendingPathComponent("\(code).yaml"), encoding: .utf8)
    }

    /// The file with `old` replaced by `new` exactly once.
    static func broken(_ code: String, replacing old: String, with new: String) throws -> String {
        let text = try text(code)
        #expect(text.components(separatedBy: old).count == 2, "the fixture text appears once: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    static func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// Parses and returns the only problem, checking file, line and rule.
    static func onlyProblem(_ text: String, file: String = "seal-filing.yaml", code: String = "seal-filing") throws -> LocatedProblem {
        let error = try #require(throws: CatalogError.self) { try CatalogFile.parse(text, file: file, expectedCode: code) }
        #expect(error.problems.count == 1, "\(error)")
        let problem = try #require(error.problems.first)
        #expect(problem.file == file)
        return problem
    }

    @Test("the shipped catalog loads: ten police window items, prefixes A–K, RULES §9 limits")
    func shipped() throws {
        let guides = try CatalogFile.shipped()
        #expect(guides.count == 10)
        let byCode = Dictionary(uniqueKeysWithValues: guides.map { ($0.code.value, $0) })
        let toxic = try #require(byCode["toxic-chemical-permit"])
        #expect(toxic.applicants == .organisation)
        #expect(toxic.applicantRestriction?.isEmpty == false)
        #expect(toxic.limits.statutoryWorkingDays == 3)
        #expect(toxic.legalBasis.contains { $0.law.contains("危险化学品安全管理条例") })
        #expect(toxic.fields.contains { $0.key == "chemicalName" })
        let seal = try #require(byCode["seal-filing"])
        #expect(seal.kind == .immediate)
        #expect(byCode["passport"]?.limits == Guide.TimeLimits(statutoryWorkingDays: 15, promisedWorkingDays: 7))
        #expect(byCode["residence-permit"]?.limits.statutoryWorkingDays == 15)
        #expect(byCode["id-card"]?.limits.statutoryWorkingDays == 60)
        #expect(guides.map(\.prefix.value) == ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"])
        #expect(guides.allSatisfy { $0.problems().isEmpty })
    }

    @Test("an unknown key is named with its line")
    func unknownKey() throws {
        let text = try Self.broken("seal-filing", replacing: "kind: immediate\n", with: "kind: immediate\ncolour: red\n")
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem.rule == .unknownKey)
        #expect(problem.problem.path == "colour")
        #expect(problem.line == Self.line(of: "colour: red", in: text))
    }

    @Test("an unknown key inside a material is named by its path")
    func unknownNestedKey() throws {
        let text = try Self.broken(
            "seal-filing",
            replacing: "    form: either\n    notes: 公安机关",
            with: "    form: either\n    colour: red\n    notes: 公安机关"
        )
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem == GuideProblem("materials[0].colour", .unknownKey))
        #expect(problem.line == Self.line(of: "colour: red", in: text))
    }

    @Test("a missing required field is reported")
    func missingField() throws {
        let original = try Self.text("seal-filing")
        let hoursLine = try #require(original.split(separator: "\n").first { $0.hasPrefix("officeHours:") })
        let text = original.replacingOccurrences(of: hoursLine + "\n", with: "")
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem == GuideProblem("officeHours", .missing))
    }

    @Test("a promised limit longer than the statutory one is refused at its line")
    func promisedTooLong() throws {
        let text = try Self.broken("passport", replacing: "promisedWorkingDays: 7", with: "promisedWorkingDays: 20")
        let problem = try Self.onlyProblem(text, file: "passport.yaml", code: "passport")
        #expect(problem.problem.rule == .promisedExceedsStatutory)
        #expect(problem.line == Self.line(of: "promisedWorkingDays: 20", in: text))
    }

    @Test("a 容缺 material that is also essential is refused")
    func deferrableEssential() throws {
        let text = try Self.broken(
            "seal-filing",
            replacing: "    essential: true\n    deferrable: false\n    issuer: 市场监督管理部门等登记机关",
            with: "    essential: true\n    deferrable: true\n    issuer: 市场监督管理部门等登记机关"
        )
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem.rule == .deferrableEssential)
        #expect(problem.problem.path == "materials[0].deferrable")
        #expect(problem.line == Self.line(of: "deferrable: true", in: text))
    }

    @Test("an immediate item promises no working days")
    func immediateWithDays() throws {
        let text = try Self.broken(
            "seal-filing",
            replacing: "  statutoryWorkingDays: 0\n  promisedWorkingDays: 0",
            with: "  statutoryWorkingDays: 5\n  promisedWorkingDays: 2"
        )
        #expect(try Self.onlyProblem(text).problem.rule == .immediateTakesNoDays)
    }

    @Test("wrong types and values name what was expected")
    func wrongValues() throws {
        let kind = try Self.onlyProblem(try Self.broken("seal-filing", replacing: "kind: immediate", with: "kind: urgent"))
        #expect(kind.problem.rule == .invalidValue)
        #expect(kind.problem.detail?.contains("immediate | promised") == true)
        let minutes = try Self.onlyProblem(try Self.broken("seal-filing", replacing: "typicalServiceMinutes: 10", with: "typicalServiceMinutes: ten"))
        #expect(minutes.problem == GuideProblem("typicalServiceMinutes", .invalidValue, "ten: a whole number"))
        let list = try Self.onlyProblem(try Self.broken("seal-filing", replacing: "applicants: organisation", with: "applicants: [organisation]"))
        #expect(list.problem.rule == .wrongType)
        let prefix = try Self.onlyProblem(try Self.broken("seal-filing", replacing: "prefix: C", with: "prefix: c"))
        #expect(prefix.problem.path == "prefix")
    }

    @Test("a key given twice is refused")
    func duplicateKey() throws {
        let text = try Self.broken("seal-filing", replacing: "prefix: C\n", with: "prefix: C\nprefix: Z\n")
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem.rule == .duplicateKey)
        #expect(problem.problem.path == "prefix")
        #expect(problem.line == Self.line(of: "prefix: Z", in: text))
    }

    @Test("a YAML syntax error names its line")
    func syntax() throws {
        let text = try Self.broken("seal-filing", replacing: "prefix: C\n", with: "prefix: [C\n")
        let problem = try Self.onlyProblem(text)
        #expect(problem.problem.rule == .syntax)
        #expect(problem.line != nil)
    }

    @Test("the code must match the file name")
    func codeMatchesFile() throws {
        let problem = try Self.onlyProblem(try Self.text("seal-filing"), file: "seal.yaml", code: "seal")
        #expect(problem.problem.rule == .codeDoesNotMatchFile)
        #expect(problem.line == 1)
    }

    @Test("duplicate codes and prefixes across files stop the whole catalog; nothing is returned")
    func duplicatesAcrossFiles() throws {
        let seal = try Self.text("seal-filing")
        let passport = try Self.broken("passport", replacing: "prefix: H", with: "prefix: C")
        let error = try #require(throws: CatalogError.self) {
            try CatalogFile.load(files: [("seal-filing.yaml", seal), ("seal-filing.yml", seal), ("passport.yaml", passport)])
        }
        let rules = error.problems.map(\.problem.rule)
        #expect(rules.filter { $0 == .duplicateCode }.count == 1)
        #expect(rules.contains(.duplicatePrefix))
        #expect(error.problems.contains { $0.file == "passport.yaml" && $0.problem.rule == .duplicatePrefix })
        #expect(error.description.contains("passport.yaml"))
    }

    @Test("every problem of every file is reported at once")
    func allProblemsAtOnce() throws {
        let first = try Self.broken("seal-filing", replacing: "kind: immediate\n", with: "kind: immediate\ncolour: red\n")
        let second = try Self.broken("passport", replacing: "promisedWorkingDays: 7", with: "promisedWorkingDays: 20")
        let error = try #require(throws: CatalogError.self) {
            try CatalogFile.load(files: [("seal-filing.yaml", first), ("passport.yaml", second)])
        }
        #expect(Set(error.problems.map(\.file)) == ["seal-filing.yaml", "passport.yaml"])
    }

    @Test("export then import gives the same guides")
    func roundTrip() throws {
        for guide in try CatalogFile.shipped() {
            let yaml = try CatalogFile.yaml(guide)
            #expect(try CatalogFile.parse(yaml, file: "\(guide.code).yaml", expectedCode: guide.code.value) == guide)
        }
    }

    @Test("JSON is read by the same rules (the admin API's bodies)")
    func json() throws {
        let guide = try #require(try CatalogFile.shipped().first)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var text = String(decoding: try encoder.encode(guide), as: UTF8.self)
        #expect(try CatalogFile.parse(text, file: "body") == guide)
        text = text.replacingOccurrences(of: "\"category\" :", with: "\"colour\" : \"red\",\n  \"category\" :")
        let error = try #require(throws: CatalogError.self) { try CatalogFile.parse(text, file: "body") }
        #expect(error.problems.map(\.problem.rule) == [.unknownKey])
    }
}

@Suite("Catalog export and import")
struct CatalogExportTests {
    @Test("the exported directory loads back as the same catalog")
    func exportImport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let shipped = try CatalogFile.shipped()
        let files = try CatalogFile.write(shipped, to: directory)
        #expect(files.map(\.lastPathComponent).sorted() == shipped.map { "\($0.code).yaml" }.sorted())
        #expect(try CatalogFile.load(directory: directory) == shipped)
    }
}
