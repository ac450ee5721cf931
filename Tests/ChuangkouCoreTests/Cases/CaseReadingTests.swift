import ChuangkouCore
import Foundation
import Testing

private typealias F = FileFixture

/// Issue 9: reading a case one does not handle needs a reason, kept (masked) in the audit.
@Suite("Who reads a case freely, and who gives a reason")
struct CaseReadingTests {
    @Test("its holder and a duty leader read without a reason; once one takes a step, so do they")
    func freeReaders() throws {
        let file = F.accepted
        #expect(try file.readingReason(of: F.officer, given: nil) == nil)
        #expect(try file.readingReason(of: F.otherLeader, given: nil) == nil)
        // The review step (审核) is handed to no one until taken: any handler but the accepter may take it, so reads.
        #expect(try file.readingReason(of: F.reviewer, given: nil) == nil)
        #expect(try file.readingReason(of: F.bystander, given: nil) == nil)
        var reviewed = file
        _ = try reviewed.recordStep(2, opinion: "符合条件", approve: true, by: F.reviewer, F.received)
        // Once taken, the reviewer still reads (they took a step); the other handlers no longer may review, so give a reason.
        #expect(try reviewed.readingReason(of: F.reviewer, given: nil) == nil)
        #expect(throws: CaseError.readReasonRequired) { try reviewed.readingReason(of: F.bystander, given: nil) }
        #expect(try reviewed.readingReason(of: F.bystander, given: "核查办理经过") == "核查办理经过")
    }

    @Test("an administrator never reads freely, even while a review is open")
    func administrator() throws {
        #expect(throws: CaseError.readReasonRequired) { try F.accepted.readingReason(of: F.admin, given: nil) }
    }

    @Test(
        "anyone else gives 2–200 characters; the reason comes back masked for the audit",
        arguments: [
            (nil, nil), ("", nil), ("  ", nil), ("查", nil), (String(repeating: "查", count: 201), nil),
            ("群众来电投诉，核查办理经过", "群众来电投诉，核查办理经过"),
            ("申请人11010519491231002X来电", "申请人110***********002X来电"),
        ] as [(String?, String?)]
    )
    func reasons(_ given: String?, _ kept: String?) throws {
        var reviewed = F.accepted
        _ = try reviewed.recordStep(2, opinion: "符合条件", approve: true, by: F.reviewer, F.received)
        if let kept {
            #expect(try reviewed.readingReason(of: F.bystander, given: given) == kept)
        } else {
            #expect(throws: CaseError.readReasonRequired) { try reviewed.readingReason(of: F.bystander, given: given) }
        }
    }
}
