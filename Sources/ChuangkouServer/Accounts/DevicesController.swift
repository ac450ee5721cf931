import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Kiosks, displays and rating pads: the system administrator issues each a token (shown once) and revokes it.
struct DevicesController {
    let devices: DeviceRepository
    let now: @Sendable () -> Date

    struct IssueRequest: Decodable {
        let id: String
        let role: String
        let name: String
        let window: Int?
    }

    struct DeviceResponse: ResponseEncodable {
        let id: String
        let role: String
        let name: String
        let window: WindowNumber?
        let issuedBy: String
        let issuedAt: Date
        let revokedAt: Date?

        init(_ entry: DeviceRepository.Entry) {
            id = entry.device.id
            role = entry.device.role.rawValue
            name = entry.device.name
            window = entry.device.window
            issuedBy = entry.issuedBy.value
            issuedAt = entry.issuedAt
            revokedAt = entry.revokedAt
        }

        enum CodingKeys: String, CodingKey { case id, role, name, window, issuedBy, issuedAt, revokedAt }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(role, forKey: .role)
            try c.encode(name, forKey: .name)
            try c.encode(window, forKey: .window)
            try c.encode(issuedBy, forKey: .issuedBy)
            try c.encode(issuedAt, forKey: .issuedAt)
            try c.encode(revokedAt, forKey: .revokedAt)
        }
    }

    struct DevicesResponse: ResponseEncodable {
        let devices: [DeviceResponse]
    }

    struct IssuedResponse: ResponseEncodable {
        let id: String
        let role: String
        /// The device's secret token: shown once, sent as `Authorization: Bearer …`.
        let token: String
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("devices") { _, _ in DevicesResponse(devices: try await devices.all().map(DeviceResponse.init)) }
        api.post("devices") { request, context -> EditedResponse<IssuedResponse> in
            let admin = try context.requireOfficer()
            let body = try await request.decode(as: IssueRequest.self, context: context)
            guard Device.isValidID(body.id) else { throw APIError.badDeviceID }
            guard let role = DeviceRole(rawValue: body.role) else {
                throw APIError.badRequest("设备类型须为 kiosk、display 或 ratingPad", "role is kiosk, display or ratingPad")
            }
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...40).contains(name.count) else { throw APIError.badRequest("设备名称须为1至40个字", "A device name is 1–40 characters") }
            var window: WindowNumber?
            if let number = body.window {
                guard let known = WindowNumber(number) else { throw APIError.badRequest("窗口号须为1至999", "Window numbers are 1–999") }
                window = known
            }
            if role == .ratingPad, window == nil { throw APIError.padNeedsWindow }
            let device = Device(id: body.id, role: role, name: name, window: window)
            let token = try await devices.issue(device, by: admin.badge, at: now())
            return EditedResponse(status: .created, response: IssuedResponse(id: device.id, role: role.rawValue, token: token))
        }
        api.post("devices/{id}/revoke") { _, context -> HTTPResponse.Status in
            try await devices.revoke(context.parameters.get("id") ?? "", at: now())
            return .noContent
        }
    }
}
