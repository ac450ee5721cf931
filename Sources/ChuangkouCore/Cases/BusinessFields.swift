extension Guide {
    /// The business fields of an application (chemical name, quantity, …) checked against the guide's `fields`:
    /// every required field present, numbers and dates well formed, no field the guide does not define. Returns the
    /// values trimmed, without empty optional ones.
    /// - Throws: `CaseError.fieldsInvalid` with every problem, in the guide's order after the unknown keys.
    public func checkedFields(_ fields: [String: String]) throws(CaseError) -> [String: String] {
        var problems: [String] = []
        var checked: [String: String] = [:]
        let known = Set(self.fields.map(\.key))
        for key in fields.keys.sorted() where !known.contains(key) { problems.append("未知字段「\(key)」") }
        for field in self.fields {
            guard let value = CaseText.trimmed(fields[field.key]) else {
                if field.required { problems.append("请填写「\(field.label)」") }
                continue
            }
            switch field.kind {
            case .text: break
            case .number: if Double(value) == nil { problems.append("「\(field.label)」应为数字") }
            case .date: if LocalDate(value) == nil { problems.append("「\(field.label)」应为日期 YYYY-MM-DD") }
            }
            checked[field.key] = value
        }
        guard problems.isEmpty else { throw .fieldsInvalid(problems) }
        return checked
    }
}
