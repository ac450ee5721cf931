import ChuangkouCore
import Foundation
import SQLKit

/// The one place appointments speak to citizens' phones: through the notification outbox, in the caller's transaction
/// (so a code is sent only for a challenge that was stored). When the notifications subsystem changes its entry point,
/// this file is what changes.
enum AppointmentMessages {
    /// The outbox names an officer who answers for every message; for appointments that is the hall's first duty
    /// leader (the one who answers for the hall's service), else its first system administrator.
    static func answerer(in db: any SQLDatabase) async throws -> Badge {
        if let leader = try await OfficerRepository.badges(holding: .dutyLeader, in: db).first { return leader }
        if let admin = try await OfficerRepository.badges(holding: .systemAdmin, in: db).first { return admin }
        throw AppointmentStoreError.nobodyAnswers
    }

    static func phoneCode(_ code: String, phoneSealed: String, challenge: String, at now: Date, in db: any SQLDatabase) async throws {
        try await NotificationOutbox.enqueue(
            kind: "appointment.phone-code",
            to: try await answerer(in: db),
            subject: "预约验证码\(code)，\(PhoneCodeChallenge.validMinutes)分钟内有效，请勿告诉他人。"
                + "/ Booking code \(code), valid for \(PhoneCodeChallenge.validMinutes) minutes.",
            payload: #"{"challenge":"\#(challenge)"}"#,
            phoneSealed: phoneSealed,
            at: now,
            in: db
        )
    }

    static func booked(_ appointment: Appointment, code: String, businessName: String, phoneSealed: String, at now: Date, in db: any SQLDatabase)
        async throws
    {
        try await NotificationOutbox.enqueue(
            kind: "appointment.booked",
            to: try await answerer(in: db),
            subject: "已预约\(businessName) \(appointment.slot.day) \(appointment.slot.label)，预约码\(code)，请提前15分钟到大厅签到。",
            payload: #"{"appointment":"\#(appointment.id)"}"#,
            phoneSealed: phoneSealed,
            at: now,
            in: db
        )
    }
}

/// What the appointment store refuses beyond Core's rules.
public enum AppointmentStoreError: Error, Equatable, Sendable {
    /// No duty leader or administrator exists to answer for the hall's messages.
    case nobodyAnswers
}
