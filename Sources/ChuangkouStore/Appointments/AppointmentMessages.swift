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

    static func hallName(in db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT name FROM hall LIMIT 1").first()?.decode(column: "name", as: String.self) ?? ""
    }

    /// The one-time code (`MessageKind.bookingCode`, sent even to a phone that opted out: the citizen just asked).
    static func phoneCode(_ code: String, phoneSealed: String, challenge: String, at now: Date, in db: any SQLDatabase) async throws {
        try await NotificationOutbox.enqueue(
            .bookingCode,
            values: ["hall": try await hallName(in: db), "code": code, "minutes": String(PhoneCodeChallenge.validMinutes)],
            phoneSealed: phoneSealed,
            answeredBy: try await answerer(in: db),
            payload: #"{"challenge":"\#(challenge)"}"#,
            key: "booking-code:\(challenge)",
            at: now,
            in: db
        )
    }

    /// The booking made, with its booking code (`MessageKind.bookingConfirmed`).
    static func booked(
        _ appointment: Appointment,
        code: String,
        business: (name: String, nameEnglish: String),
        checkInBeforeMinutes: Int,
        phoneSealed: String,
        at now: Date,
        in db: any SQLDatabase
    ) async throws {
        try await NotificationOutbox.enqueue(
            .bookingConfirmed,
            values: [
                "hall": try await hallName(in: db), "business": business.name, "business@en": business.nameEnglish,
                "date": appointment.slot.day.description, "time": appointment.slot.label, "bookingCode": code,
                "before": String(checkInBeforeMinutes),
            ],
            phoneSealed: phoneSealed,
            answeredBy: try await answerer(in: db),
            payload: #"{"appointment":"\#(appointment.id)"}"#,
            key: "booking:\(appointment.id):confirmed",
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
