import Hummingbird

extension Request {
    /// A yes/no query parameter (`?closed=true`): absent or `false` is false, `true` is true, anything else a 400
    /// naming it — as the OpenAPI document's `enum: [true, false]` promises (schemathesis sends `?closed=AAA`).
    func flag(_ name: String) throws -> Bool {
        switch uri.queryParameters.get(name) {
        case nil, "false": false
        case "true": true
        default: throw APIError.badRequest("\(name) 只能为 true 或 false", "\(name) is true or false")
        }
    }
}
