import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Officers' public photos (四公开): uploaded by an administrator, shown on the display, the kiosk and the console.
struct OfficerPhotosController {
    let officers: OfficerRepository
    let now: @Sendable () -> Date
    /// A passport-style photo is a few dozen kilobytes; this leaves room without letting the table bloat.
    static let maximumBytes = 512 * 1024
    static let acceptedTypes = ["image/jpeg", "image/png", "image/webp"]

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("officers/{badge}/photo") { _, context in
            let badge = try badge(context)
            guard let photo = try await officers.photo(of: badge) else {
                throw APIError.noPhoto
            }
            return Response(
                status: .ok,
                headers: [.contentType: photo.contentType, .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: photo.data))
            )
        }
        group.put("officers/{badge}/photo") { request, context in
            _ = try context.requireAdmin()
            let badge = try badge(context)
            let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard Self.acceptedTypes.contains(type) else {
                throw APIError.photoType
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maximumBytes)
            } catch {
                throw APIError.photoTooLarge
            }
            guard body.readableBytes > 0 else { throw APIError.badRequest("照片为空", "The photo is empty") }
            guard try await officers.setPhoto(.init(contentType: type, data: Data(body.readableBytesView)), for: badge, at: now())
            else {
                throw unknown(badge.value)
            }
            return Response(status: .noContent)
        }
    }

    func badge(_ context: AppRequestContext) throws -> Badge {
        let text = context.parameters.get("badge") ?? ""
        guard let badge = Badge(text) else { throw unknown(text) }
        return badge
    }

    func unknown(_ badge: String) -> APIError {
        APIError.unknownOfficer(badge)
    }
}
