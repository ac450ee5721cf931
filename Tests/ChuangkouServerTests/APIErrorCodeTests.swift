import ChuangkouCore
import Foundation
import HTTPTypes
import Testing

@testable import ChuangkouServer

/// The error codes are part of the public contract: clients branch on them. This list is written out by hand, so
/// renaming a Swift case, or adding or dropping a code, shows here as a failing test and a deliberate edit.
@Suite("The API's error codes")
struct APIErrorCodeTests {
    /// Besides these, `http.<status>` for the HTTP errors Hummingbird raises itself (e.g. `http.405`).
    static let published: Set<String> = [
        "appointment.bad-name", "appointment.bad-phone", "appointment.bad-request", "appointment.beyond-horizon",
        "appointment.blocked", "appointment.booking-closed", "appointment.expired", "appointment.full",
        "appointment.id-number-required", "appointment.no-such-slot", "appointment.not-booked", "appointment.not-found",
        "appointment.not-over", "appointment.past-cutoff", "appointment.phone-code-exhausted",
        "appointment.phone-code-missing", "appointment.phone-code-too-soon", "appointment.phone-code-wrong",
        "appointment.rate-limited", "appointment.same-slot", "appointment.too-early", "appointment.too-many-changes",
        "appointment.unavailable", "appointment.unknown-business", "onsite.address-required",
        "onsite.applicant-required", "onsite.bad-request", "onsite.business-count", "onsite.calendar-unpublished",
        "onsite.day-out-of-range", "onsite.details-too-long", "onsite.leader-only", "onsite.not-a-working-day",
        "onsite.not-on-team", "onsite.not-team-member", "onsite.not-visit-day", "onsite.business-not-on-visit",
        "onsite.preferred-days", "onsite.query-not-found", "onsite.rate-limited",
        "onsite.reason-required", "onsite.recorder-mismatch", "onsite.result-before-visit",
        "onsite.result-note-required", "onsite.team-member-invalid", "onsite.team-size", "onsite.unknown",
        "onsite.unknown-business", "onsite.unknown-officer", "onsite.wrong-stage",
        "account.admin-roles-combined", "account.bad-badge", "account.badge-taken", "account.no-second-factor",
        "account.own", "account.role-unknown", "account.roles-empty", "account.second-factor-not-for-role",
        "account.unknown", "account.weak-password", "account.wrong-password", "applicant.invalid", "audit.bad-filter",
        "auth.bad-credentials", "auth.csrf", "auth.forbidden", "auth.origin", "auth.required",
        "auth.second-factor-required", "auth.second-factor-wrong", "auth.set-up-first", "auth.throttled",
        "business.unknown", "calendar.bad-count", "calendar.bad-date", "calendar.bad-year",
        "calendar.count-too-large", "calendar.invalid-notice", "calendar.negative-count", "calendar.out-of-range",
        "calendar.span-too-long", "calendar.unknown-year", "case.against-approval", "case.authorisation-not-seen",
        "case.blank-defect", "case.blank-name", "case.blank-not-applicable-reason", "case.business-required",
        "case.checklist-from-another-guide", "case.decision-by-other", "case.deferred-outstanding",
        "case.delivery-incomplete", "case.essential-always-applies", "case.invalid-fields",
        "case.materials-unchecked", "case.negative-count", "case.not-deferrable", "case.not-expected",
        "case.not-holder", "case.not-on-notice", "case.opinion-required", "case.read-reason-required",
        "case.reason-required", "case.review-by-accepter", "case.role", "case.step-needs-leader",
        "case.step-out-of-order", "case.steps-pending", "case.supplement-due-in-past", "case.supplement-due-too-late",
        "case.ticket-has-case", "case.ticket-not-at-window", "case.unknown", "case.unknown-material",
        "case.unknown-state", "case.unknown-step", "case.wrong-stage", "complaint.already-acknowledged",
        "complaint.already-extended", "complaint.already-rated", "complaint.anonymous", "complaint.bad-contact",
        "complaint.bad-request", "complaint.bad-window", "complaint.closed", "complaint.concerned-officer",
        "complaint.extension-after-reopening", "complaint.extension-out-of-range", "complaint.extension-pending",
        "complaint.finding-against-unconcerned", "complaint.finding-needs-officer", "complaint.not-a-handler",
        "complaint.no-extension-request", "complaint.not-answered", "complaint.not-handler", "complaint.not-investigating",
        "complaint.own-extension-request", "complaint.query-not-found",
        "complaint.rate-limited", "complaint.recorder-mismatch", "complaint.reopen-needs-dissatisfaction",
        "complaint.reopened-already", "complaint.same-handler", "complaint.text-required", "complaint.text-too-long",
        "complaint.too-many", "complaint.transfer-number-required", "complaint.unknown", "complaint.unknown-case",
        "complaint.unknown-subject", "complaint.unknown-ticket", "deadline.accepted-in-future",
        "deadline.already-paused", "deadline.applicant-not-notified", "deadline.before-acceptance",
        "deadline.before-last-pause", "deadline.extension-already-granted", "deadline.extension-needs-duty-leader",
        "deadline.extension-not-positive", "deadline.extension-too-long", "deadline.limit-too-long",
        "deadline.negative-limit", "deadline.not-owner", "deadline.not-paused", "deadline.promised-exceeds-statutory",
        "deadline.reason-required", "deadline.resume-before-pause", "deadline.stopped", "deadline.subject-required",
        "deadline.unknown", "deadline.unknown-officer", "deadline.unknown-pause-kind", "device.bad-id",
        "device.id-taken", "device.unknown", "document.unknown", "duty.account-disabled", "duty.bad-form", "duty.bad-phone",
        "duty.bad-range", "duty.bad-slot", "duty.does-not-serve", "duty.leave-backwards", "duty.leave-reason",
        "duty.leave-too-long", "duty.listed-twice", "duty.no-leader-on-duty", "duty.not-a-duty-leader",
        "duty.not-planned", "duty.on-leave", "duty.rostered-during-leave", "duty.slot-started", "duty.too-far-ahead",
        "duty.too-many-officers", "duty.unknown-leave", "duty.unknown-officer", "guide.invalid", "guide.missing",
        "guide.note-required", "guide.unknown-version", "internal", "not-found", "notice.already-decided",
        "notice.already-issued", "notice.already-on-notice", "notice.before-notice", "notice.before-receipt",
        "notice.blank-reason", "notice.correction-needs-duty-leader", "notice.deadline-passed",
        "notice.duplicate-item", "notice.intake-decided", "notice.no-items", "notice.no-notice",
        "notice.officer-may-not-issue", "notice.self-approval", "officer.no-photo", "officer.unknown",
        "page.template", "photo.too-large", "photo.type", "rating.already-rated", "rating.bad-contact",
        "rating.bad-level", "rating.comment-too-long", "rating.fix-link-limited", "rating.fix-link-unknown", "rating.fix-not-rateable",
        "rating.indicator-out-of-range",
        "inspection.already-closed", "inspection.bad-request", "inspection.deadline-out-of-range",
        "inspection.no-windows", "inspection.not-owner", "inspection.note-required", "inspection.note-too-long",
        "inspection.self-inspection", "inspection.too-few-inspectors", "inspection.unknown",
        "inspection.unknown-officer", "inspection.unknown-window", "inspection.window-not-inspected",
        "rating.not-this-window", "rating.pad-needs-window", "rating.pad-token", "rating.service-not-ended",
        "rating.staff-may-not-rate", "rating.too-late", "rating.unknown", "rectification.appeal-already-filed",
        "rectification.appeal-needs-third-person",
        "rectification.appeal-pending", "rectification.attempts-out-of-range", "rectification.bad-request",
        "rectification.closed", "rectification.fix-date-before-opening", "rectification.no-appeal",
        "rectification.no-contact", "rectification.no-handler", "rectification.not-a-bad-rating",
        "rectification.not-handler", "rectification.rated-officer", "rectification.return-visit-owed",
        "rectification.same-handler", "rectification.text-required", "rectification.text-too-long",
        "rectification.unknown", "request.control-characters", "request.json-only", "request.malformed",
        "request.method-not-allowed", "request.missing-parameter", "request.timeout", "request.too-large",
        "results.bad-month", "status.not-found", "status.rate-limited", "supervision.already-reviewed",
        "supervision.bad-request", "supervision.note-required", "supervision.note-too-long", "supervision.own-call",
        "supervision.unknown-call", "ticket.green-channel-not-declared", "ticket.green-channel-unchecked", "ticket.kiosk-token-required",
        "ticket.not-allowed", "ticket.rate-limited",
        "ticket.reason-required", "ticket.same-business", "ticket.too-few-recalls", "ticket.unknown", "window.busy",
        "window.closed", "window.not-serving", "window.not-signed-in", "window.paused", "window.role", "window.taken",
        "window.unknown",
        "competent-body.invalid", "competent-body.unknown", "incident.already-taken", "incident.bad-request",
        "incident.bad-window", "incident.closed", "incident.escalated-to-self", "incident.not-the-leader",
        "incident.text-required", "incident.text-too-long", "incident.unknown", "incident.unknown-ticket",
        "wording.chinese-required", "wording.too-long", "wording.personal-number",
        "handover.bad-request", "handover.colleague-busy", "handover.colleague-not-serving", "handover.colleague-off-duty",
        "handover.colleague-on-break", "handover.not-your-ticket", "handover.to-self", "handover.unknown-colleague",
        "inquiry.answer-required", "inquiry.bad-contact", "inquiry.bad-guide-version", "inquiry.bad-request",
        "inquiry.bad-window", "inquiry.business-required", "inquiry.closed", "inquiry.handover-pending",
        "inquiry.handover-to-self", "inquiry.no-handover", "inquiry.not-handover-recipient", "inquiry.not-owner",
        "inquiry.question-required", "inquiry.text-too-long", "inquiry.topic-required", "inquiry.unknown",
        "inquiry.unknown-body", "inquiry.unknown-business", "inquiry.unknown-case", "inquiry.unknown-colleague",
        "inquiry.unknown-window", "notification.bad-phone", "notification.bad-status", "notification.template-invalid",
        "notification.unknown-kind", "notification.unknown-message", "ticket-contact.already-given", "ticket-contact.not-waiting",
        "ticket-contact.unknown-ticket",
        "spot-check.already-reviewed", "spot-check.bad-request", "spot-check.count-out-of-range",
        "spot-check.note-required", "spot-check.note-too-long", "spot-check.own-case", "spot-check.unknown",
    ]

    @Test("every code the API can answer with is one of the published codes, and each is declared once")
    func codesArePinned() {
        let declared = APIError.allCodes
        let added = Set(declared).subtracting(Self.published).sorted()
        let dropped = Self.published.subtracting(declared).sorted()
        #expect(added.isEmpty && dropped.isEmpty, "added: \(added), dropped: \(dropped)")
        #expect(declared.count == Set(declared).count, "a code is declared twice")
    }

    /// Intake and one-time-notice codes used to be derived from the Swift case names; these are the codes they gave.
    static let intakeAndNotice: [(any Error, Int, String)] = [
        (IntakeError.blankName(.agent), 422, "case.blank-name"),
        (IntakeError.unknownMaterial(index: 9), 422, "case.unknown-material"),
        (IntakeError.notDeferrable(material: "x"), 422, "case.not-deferrable"),
        (IntakeError.essentialAlwaysApplies(material: "x"), 422, "case.essential-always-applies"),
        (IntakeError.blankNotApplicableReason(material: "x"), 422, "case.blank-not-applicable-reason"),
        (IntakeError.negativeCount, 422, "case.negative-count"),
        (IntakeError.blankDefect, 422, "case.blank-defect"),
        (IntakeError.materialsUnchecked(["x"]), 409, "case.materials-unchecked"),
        (IntakeError.authorisationNotSeen, 409, "case.authorisation-not-seen"),
        (IntakeError.checklistFromAnotherGuide, 409, "case.checklist-from-another-guide"),
        (NoticeError.notOnNotice(index: 1), 409, "case.not-on-notice"),
        (NoticeError.alreadyIssued, 409, "notice.already-issued"),
        (NoticeError.noNotice, 409, "notice.no-notice"),
        (NoticeError.noItems, 422, "notice.no-items"),
        (NoticeError.duplicateItem(index: 1), 422, "notice.duplicate-item"),
        (NoticeError.alreadyOnNotice(index: 1), 409, "notice.already-on-notice"),
        (NoticeError.correctionNeedsDutyLeader, 403, "notice.correction-needs-duty-leader"),
        (NoticeError.selfApproval, 403, "notice.self-approval"),
        (NoticeError.officerMayNotIssue, 403, "notice.officer-may-not-issue"),
        (NoticeError.blankReason, 422, "notice.blank-reason"),
        (NoticeError.beforeReceipt, 409, "notice.before-receipt"),
        (NoticeError.beforeNotice, 409, "notice.before-notice"),
        (NoticeError.deadlinePassed(deadline: LocalDate("2026-03-10")!), 409, "notice.deadline-passed"),
        (NoticeError.intakeDecided, 409, "notice.intake-decided"),
        (NoticeError.alreadyDecided, 409, "notice.already-decided"),
    ]

    @Test("intake and notice refusals keep the status and code they had", arguments: 0..<intakeAndNotice.count)
    func intakeAndNoticeCodes(row: Int) {
        let (error, status, code) = Self.intakeAndNotice[row]
        let mapped: APIError
        switch error {
        case let e as IntakeError: mapped = APIError(e)
        case let e as NoticeError: mapped = APIError(e)
        default:
            Issue.record("unexpected \(error)")
            return
        }
        #expect(mapped.status.code == status)
        #expect(mapped.code == code)
    }
}
