import ChuangkouCore
import Foundation
import Yams

/// Walks a guide's YAML node tree, building a `Guide` and collecting every problem with its line.
///
/// Each read records where a path's value sits, so problems found later by `Guide.problems()` (which only
/// knows paths such as `materials[2].deferrable`) can be placed on a line as well.
struct NodeReader {
    let file: String
    private(set) var problems: [LocatedProblem] = []
    private var marks: [String: Mark] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func report(_ problem: GuideProblem, at path: String) {
        // Fall back to the nearest enclosing path that has a place (`materials[2]` for `materials[2].x`).
        var key = path
        var mark = marks[key]
        while mark == nil, let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) {
            key = String(key[..<cut])
            mark = marks[key]
        }
        problems.append(LocatedProblem(file: file, line: mark.map { $0.line }, column: mark.map { $0.column }, problem: problem))
    }

    private mutating func report(_ path: String, _ rule: GuideProblem.Rule, _ detail: String? = nil, node: Node?) {
        problems.append(
            LocatedProblem(
                file: file,
                line: node?.mark?.line,
                column: node?.mark?.column,
                problem: GuideProblem(path, rule, detail)
            )
        )
    }

    // MARK: The guide

    mutating func guide(_ node: Node) -> Guide? {
        guard var object = object(node, path: "") else { return nil }
        let before = problems.count
        let code = object.text("code", as: BusinessCode.init, expected: "lower-case letters, digits and -", &self)
        let name = object.string("name", &self)
        let nameEnglish = object.string("nameEnglish", &self)
        let category = object.string("category", &self)
        let categoryEnglish = object.string("categoryEnglish", &self)
        let kind = object.choice("kind", ServiceKind.self, &self)
        let prefix = object.text("prefix", as: TicketPrefix.init, expected: "one capital letter A–Z", &self)
        let minutes = object.int("typicalServiceMinutes", &self)
        let keywords = object.strings("keywords", required: false, &self) ?? []
        let applicants = object.choice("applicants", Applicants.self, &self)
        let restriction = object.string("applicantRestriction", required: false, &self)
        let conditions = object.strings("conditions", &self)
        let materials = object.list("materials", &self) { reader, node, path in reader.material(node, path: path) }
        let steps = object.list("steps", &self) { reader, node, path in reader.step(node, path: path) }
        let legalBasis = object.list("legalBasis", &self) { reader, node, path in reader.legalBasis(node, path: path) }
        let limits = object.nested("limits", &self) { reader, node, path in reader.limits(node, path: path) }
        let fee = object.nested("fee", &self) { reader, node, path in reader.fee(node, path: path) }
        let location = object.nested("location", &self) { reader, node, path in reader.location(node, path: path) }
        let officeHours = object.string("officeHours", &self)
        let consultationPhone = object.string("consultationPhone", &self)
        let supervisionPhone = object.string("supervisionPhone", &self)
        let fields = object.list("fields", required: false, &self) { reader, node, path in reader.field(node, path: path) } ?? []
        object.finish(&self)
        guard problems.count == before, let code, let name, let nameEnglish, let category, let categoryEnglish, let kind,
            let prefix, let minutes, let applicants, let conditions, let materials, let steps, let legalBasis,
            let limits, let fee, let location, let officeHours, let consultationPhone, let supervisionPhone
        else { return nil }
        return Guide(
            code: code,
            name: name,
            nameEnglish: nameEnglish,
            category: category,
            categoryEnglish: categoryEnglish,
            kind: kind,
            prefix: prefix,
            typicalServiceMinutes: minutes,
            keywords: keywords,
            applicants: applicants,
            applicantRestriction: restriction,
            conditions: conditions,
            materials: materials,
            steps: steps,
            legalBasis: legalBasis,
            limits: limits,
            fee: fee,
            location: location,
            officeHours: officeHours,
            consultationPhone: consultationPhone,
            supervisionPhone: supervisionPhone,
            fields: fields
        )
    }

    private mutating func material(_ node: Node, path: String) -> Guide.Material? {
        guard var object = object(node, path: path) else { return nil }
        let name = object.string("name", &self)
        let originals = object.int("originals", &self)
        let copies = object.int("copies", &self)
        let form = object.choice("form", Guide.Material.Form.self, &self)
        let notes = object.string("notes", required: false, &self)
        let essential = object.bool("essential", &self)
        let deferrable = object.bool("deferrable", &self)
        let issuer = object.string("issuer", required: false, &self)
        object.finish(&self)
        guard let name, let originals, let copies, let form, let essential, let deferrable else { return nil }
        return Guide.Material(
            name: name,
            originals: originals,
            copies: copies,
            form: form,
            notes: notes,
            essential: essential,
            deferrable: deferrable,
            issuer: issuer
        )
    }

    private mutating func step(_ node: Node, path: String) -> Guide.Step? {
        guard var object = object(node, path: path) else { return nil }
        let name = object.string("name", &self)
        let actor = object.choice("actor", Guide.Step.Actor.self, &self)
        let description = object.string("description", &self)
        object.finish(&self)
        guard let name, let actor, let description else { return nil }
        return Guide.Step(name: name, actor: actor, description: description)
    }

    private mutating func legalBasis(_ node: Node, path: String) -> Guide.LegalBasis? {
        guard var object = object(node, path: path) else { return nil }
        let law = object.string("law", &self)
        let article = object.string("article", &self)
        object.finish(&self)
        guard let law, let article else { return nil }
        return Guide.LegalBasis(law: law, article: article)
    }

    private mutating func limits(_ node: Node, path: String) -> Guide.TimeLimits? {
        guard var object = object(node, path: path) else { return nil }
        let statutory = object.int("statutoryWorkingDays", &self)
        let promised = object.int("promisedWorkingDays", &self)
        object.finish(&self)
        guard let statutory, let promised else { return nil }
        return Guide.TimeLimits(statutoryWorkingDays: statutory, promisedWorkingDays: promised)
    }

    private mutating func fee(_ node: Node, path: String) -> Guide.Fee? {
        guard var object = object(node, path: path) else { return nil }
        let amount = object.text(
            "amount",
            as: { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
            expected: "a number of yuan",
            &self
        )
        let basis = object.string("basis", &self)
        object.finish(&self)
        guard let amount, let basis else { return nil }
        return Guide.Fee(amount: amount, basis: basis)
    }

    private mutating func location(_ node: Node, path: String) -> Guide.Location? {
        guard var object = object(node, path: path) else { return nil }
        let group = object.string("windowGroup", &self)
        let floor = object.string("floor", &self)
        object.finish(&self)
        guard let group, let floor else { return nil }
        return Guide.Location(windowGroup: group, floor: floor)
    }

    private mutating func field(_ node: Node, path: String) -> Guide.IntakeField? {
        guard var object = object(node, path: path) else { return nil }
        let key = object.string("key", &self)
        let label = object.string("label", &self)
        let kind = object.choice("kind", Guide.IntakeField.Kind.self, &self)
        let required = object.bool("required", &self)
        object.finish(&self)
        guard let key, let label, let kind, let required else { return nil }
        return Guide.IntakeField(key: key, label: label, kind: kind, required: required)
    }

    // MARK: Nodes

    private mutating func object(_ node: Node, path: String) -> ObjectReader? {
        marks[path] = node.mark
        guard let mapping = node.mapping else {
            report(path.isEmpty ? "(document)" : path, .wrongType, "a mapping of keys", node: node)
            return nil
        }
        var values: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? "?"
            let keyPath = ObjectReader.join(path, name)
            if values[name] != nil {
                report(keyPath, .duplicateKey, nil, node: key)
                continue
            }
            values[name] = (key, value)
            marks[keyPath] = value.mark
        }
        return ObjectReader(path: path, node: node, values: values)
    }

    fileprivate mutating func markPath(_ path: String, _ node: Node) {
        marks[path] = node.mark
    }

    fileprivate mutating func problem(_ path: String, _ rule: GuideProblem.Rule, _ detail: String? = nil, node: Node?) {
        report(path, rule, detail, node: node)
    }

    fileprivate mutating func childObject(_ node: Node, path: String) -> ObjectReader? {
        object(node, path: path)
    }
}

/// The keys of one YAML mapping: each read consumes a key; `finish` reports the keys nobody read.
private struct ObjectReader {
    let path: String
    let node: Node
    var values: [String: (key: Node, value: Node)]

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func take(_ key: String, required: Bool, _ reader: inout NodeReader) -> Node? {
        guard let entry = values.removeValue(forKey: key) else {
            if required { reader.problem(Self.join(path, key), .missing, nil, node: node) }
            return nil
        }
        if case .scalar(let scalar) = entry.value, scalar.tag == .init(.null) || (scalar.string.isEmpty && scalar.style == .plain) {
            if required { reader.problem(Self.join(path, key), .missing, nil, node: entry.value) }
            return nil
        }
        return entry.value
    }

    private func scalarText(_ node: Node, _ key: String, _ reader: inout NodeReader) -> String? {
        guard let scalar = node.scalar else {
            reader.problem(Self.join(path, key), .wrongType, "text", node: node)
            return nil
        }
        return scalar.string
    }

    mutating func string(_ key: String, required: Bool = true, _ reader: inout NodeReader) -> String? {
        guard let node = take(key, required: required, &reader) else { return nil }
        return scalarText(node, key, &reader)
    }

    mutating func text<T>(_ key: String, as make: (String) -> T?, expected: String, _ reader: inout NodeReader) -> T? {
        guard let node = take(key, required: true, &reader), let text = scalarText(node, key, &reader) else { return nil }
        guard let value = make(text) else {
            reader.problem(Self.join(path, key), .invalidValue, "\(text): \(expected)", node: node)
            return nil
        }
        return value
    }

    mutating func int(_ key: String, _ reader: inout NodeReader) -> Int? {
        text(key, as: { Int($0) }, expected: "a whole number", &reader)
    }

    mutating func bool(_ key: String, _ reader: inout NodeReader) -> Bool? {
        text(key, as: { ["true": true, "false": false][$0] }, expected: "true or false", &reader)
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, _ reader: inout NodeReader) -> T?
    where T.RawValue == String {
        text(key, as: T.init(rawValue:), expected: T.allCases.map(\.rawValue).joined(separator: " | "), &reader)
    }

    mutating func strings(_ key: String, required: Bool = true, _ reader: inout NodeReader) -> [String]? {
        list(key, required: required, &reader) { reader, node, path in
            guard let scalar = node.scalar else {
                reader.problem(path, .wrongType, "text", node: node)
                return nil
            }
            return scalar.string
        }
    }

    /// A list whose items are read by `item`; nil (with problems) if the list or any item is wrong.
    mutating func list<T>(
        _ key: String,
        required: Bool = true,
        _ reader: inout NodeReader,
        item: (inout NodeReader, Node, String) -> T?
    ) -> [T]? {
        guard let node = take(key, required: required, &reader) else { return nil }
        let listPath = Self.join(path, key)
        guard let sequence = node.sequence else {
            reader.problem(listPath, .wrongType, "a list", node: node)
            return nil
        }
        var items: [T] = []
        var failed = false
        for (index, element) in sequence.enumerated() {
            let itemPath = "\(listPath)[\(index)]"
            reader.markPath(itemPath, element)
            if let value = item(&reader, element, itemPath) { items.append(value) } else { failed = true }
        }
        return failed ? nil : items
    }

    mutating func nested<T>(_ key: String, _ reader: inout NodeReader, read: (inout NodeReader, Node, String) -> T?) -> T? {
        guard let node = take(key, required: true, &reader) else { return nil }
        return read(&reader, node, Self.join(path, key))
    }

    func finish(_ reader: inout NodeReader) {
        for (name, entry) in values.sorted(by: { ($0.value.key.mark?.line ?? 0) < ($1.value.key.mark?.line ?? 0) }) {
            reader.problem(Self.join(path, name), .unknownKey, nil, node: entry.key)
        }
    }
}
