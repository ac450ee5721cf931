/// Who a complaint concerns and who may take it (RULES §8: a complaint about an officer is never routed to that
/// officer, nor to anyone who shares the complained-about case).
public enum ComplaintRouting {
    /// The officers a complaint concerns: the officer complained about, whoever served the linked ticket, and every
    /// officer on the linked or complained-about case (its holder, the step assignees, anyone who acted on it).
    public static func concerned(subject: Complaint.Subject, ticketOfficer: Badge?, caseOfficers: Set<Badge>) -> Set<Badge> {
        var badges = caseOfficers
        if let ticketOfficer { badges.insert(ticketOfficer) }
        if case .officer(let badge) = subject { badges.insert(badge) }
        return badges
    }

    /// The first of `candidates` (supervisors first, then duty leaders, as the Store lists them) the complaint does
    /// not concern; nil when every one of them is concerned.
    public static func handler(for complaint: Complaint, candidates: [Badge]) -> Badge? {
        candidates.first(where: complaint.isVisible(to:))
    }

    /// The complaints `badge` may see, in order.
    public static func visible(_ complaints: [Complaint], to badge: Badge) -> [Complaint] {
        complaints.filter { $0.isVisible(to: badge) }
    }
}
