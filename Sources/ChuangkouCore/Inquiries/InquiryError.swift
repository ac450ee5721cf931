/// Why an inquiry refused an event.
public enum InquiryError: Error, Equatable, Sendable {
    case topicRequired
    case topicTooLong(max: Int)
    case questionRequired
    case questionTooLong(max: Int)
    case answerRequired
    case answerTooLong(max: Int)
    case noteTooLong(max: Int)
    case badWindow
    case badGuideVersion
    /// Only the owner acts on an inquiry (首问负责: ownership is not dropped or taken).
    case notOwner
    case closed
    /// A handover is waiting for its receipt: accept, decline or withdraw it first.
    case handoverPending
    case noHandoverPending
    case notHandoverRecipient
    case handoverToSelf
    case bodyNameRequired
    case bodyTextTooLong(field: String, max: Int)
    case bodyHandlesRequired
    case badBodyPhone
}
