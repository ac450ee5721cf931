import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A deadline clock as the API shows it: both due dates, days used and left, state, pauses and the extension.
struct DeadlineResponse: ResponseEncodable, Decodable {
    struct PauseItem: Codable {
        let kind: String
        let reason: String
        let applicantNotifiedInWriting: Bool
        let pausedOn: String
        let resumedOn: String?
    }

    struct ExtensionItem: Codable {
        let workingDays: Int
        let reason: String
        let approvedBy: String
        let grantedOn: String
    }

    let id: String
    let subject: String
    let business: String?
    let owner: String
    let acceptedOn: String
    let statutoryLimit: Int
    let promisedLimit: Int
    /// onTrack, warning, overdue, paused or stopped.
    let state: String
    let promisedDue: String
    let statutoryDue: String
    /// The end of the office day on the promised due date.
    let promisedDueAt: Date
    let statutoryOverdue: Bool
    let workingDaysUsed: Int
    /// Against the promised due date; negative once overdue.
    let workingDaysLeft: Int
    /// Some figure rests on a year with no published holiday notice (weekdays only).
    let provisional: Bool
    let pauses: [PauseItem]
    let `extension`: ExtensionItem?
    let stoppedOn: String?
    let finishedInTime: Bool?

    init(_ record: DeadlineRecord, status: DeadlineClock.Status, time: HallTime) {
        let clock = record.clock
        id = record.id.description
        subject = record.subject
        business = record.business?.value
        owner = record.owner.value
        acceptedOn = clock.acceptedOn.description
        statutoryLimit = clock.statutoryLimit
        promisedLimit = clock.promisedLimit
        state = status.state.rawValue
        promisedDue = status.promisedDue.description
        statutoryDue = status.statutoryDue.description
        promisedDueAt = time.dueAt(status.promisedDue)
        statutoryOverdue = status.statutoryOverdue
        workingDaysUsed = status.workingDaysUsed
        workingDaysLeft = status.workingDaysLeft
        provisional = status.provisional
        pauses = clock.pauses.map {
            PauseItem(
                kind: $0.kind.rawValue,
                reason: $0.reason,
                applicantNotifiedInWriting: $0.applicantNotifiedInWriting,
                pausedOn: $0.pausedOn.description,
                resumedOn: $0.resumedOn?.description
            )
        }
        self.extension = clock.grantedExtension.map {
            ExtensionItem(workingDays: $0.workingDays, reason: $0.reason, approvedBy: $0.approvedBy.value, grantedOn: $0.grantedOn.description)
        }
        stoppedOn = clock.stoppedOn?.description
        finishedInTime = status.finishedInTime
    }
}
