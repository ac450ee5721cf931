import ChuangkouCore
import Foundation
import Testing

@Suite("Reviews of out-of-turn calls")
struct OutOfTurnReviewTests {
    let call = OutOfTurnCall(
        event: 7,
        ticket: TicketID(UUID()),
        number: "A007",
        officer: Badge("010231")!,
        window: 1,
        reason: "老人行动不便",
        at: Date(timeIntervalSince1970: 1_771_000_000)
    )
    let supervisor = Badge("010300")!

    @Test(
        "a review is refused for one's own call, a flag without a note, or a note too long",
        arguments: [
            (Badge("010231")!, OutOfTurnReview.Verdict.justified, "", SupervisionError.ownCall),
            (Badge("010300")!, .flagged, "  ", .noteRequired),
            (Badge("010300")!, .justified, String(repeating: "字", count: 1_001), .noteTooLong(max: 1_000)),
        ]
    )
    func refused(reviewer: Badge, verdict: OutOfTurnReview.Verdict, note: String, expected: SupervisionError) {
        #expect(throws: expected) { try OutOfTurnReview.review(call, verdict, note: note, by: reviewer, at: call.at) }
    }

    @Test("a flag keeps its masked note and names the officer it counts against")
    func flag() throws {
        let review = try OutOfTurnReview.review(call, .flagged, note: "与申请人相识，电话13812345678", by: supervisor, at: call.at)
        #expect(review.officer == call.officer && review.verdict == .flagged && review.note == "与申请人相识，电话138****5678")
        #expect(try OutOfTurnReview.review(call, .justified, note: "", by: supervisor, at: call.at).note.isEmpty)
    }
}
