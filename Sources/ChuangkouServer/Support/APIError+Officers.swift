import Hummingbird

/// Officers' public cards and photos: every code the API answers with for them.
extension APIError {
    enum OfficerCode: String, APIErrorCode {
        case unknown = "officer.unknown"
        case noPhoto = "officer.no-photo"
        case photoType = "photo.type"
        case photoTooLarge = "photo.too-large"
    }

    static func unknownOfficer(_ badge: String) -> APIError {
        APIError(.notFound, OfficerCode.unknown, "没有此警号: \(badge)", "No officer with badge \(badge)")
    }

    static let noPhoto = APIError(.notFound, OfficerCode.noPhoto, "该民警暂无照片", "No photo for this officer")
    static let photoType = APIError(
        .unsupportedMediaType,
        OfficerCode.photoType,
        "照片须为 JPEG、PNG 或 WebP 格式",
        "The photo must be JPEG, PNG or WebP"
    )
    static let photoTooLarge = APIError(.contentTooLarge, OfficerCode.photoTooLarge, "照片不得大于512KB", "The photo must be at most 512 KB")
}
