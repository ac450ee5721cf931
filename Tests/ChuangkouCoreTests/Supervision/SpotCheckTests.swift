import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Random case spot-checks (抽查)")
struct SpotCheckTests {
    static let ids = (1...10).map { CaseID(String(format: "00000000-0000-0000-0000-%012d", $0))! }

    @Test("a recorded seed draws the same cases again, whatever order the candidates come in")
    func reproducible() throws {
        let first = try SpotCheck.draw(from: Self.ids, count: 3, seed: 20_261_202)
        let again = try SpotCheck.draw(from: Self.ids.shuffled() + [Self.ids[0]], count: 3, seed: 20_261_202)
        #expect(first == again && first.population == 10)
        // Worked out apart from this code (SplitMix64, sorted candidates, partial Fisher–Yates) so the draw can be
        // checked by anyone with the seed.
        #expect(first.drawn.map(\.description) == [2, 4, 7].map { String(format: "00000000-0000-0000-0000-%012d", $0) })
    }

    @Test("a draw is N distinct candidates (all of them when there are fewer); the count is bounded")
    func drawsDistinctCandidates() async {
        await propertyCheck(input: Gen.int(in: 0...40), Gen.int(in: 1...50), Gen.uint64()) { size, count, seed in
            let candidates = (0..<size).map { _ in CaseID(UUID()) }
            let check = try SpotCheck.draw(from: candidates, count: count, seed: seed)
            #expect(check.drawn.count == min(count, size) && Set(check.drawn).count == check.drawn.count)
            #expect(Set(check.drawn).isSubset(of: Set(candidates)))
        }
        #expect(throws: SpotCheckError.countOutOfRange(max: 200)) { try SpotCheck.draw(from: Self.ids, count: 0, seed: 1) }
        #expect(throws: SpotCheckError.countOutOfRange(max: 200)) { try SpotCheck.draw(from: Self.ids, count: 201, seed: 1) }
    }

    @Test("different seeds make different draws (not one fixed pick)")
    func seedsMatter() throws {
        let draws = Set(try (1...20).map { try SpotCheck.draw(from: Self.ids, count: 3, seed: UInt64($0)).drawn })
        #expect(draws.count > 10)
    }
}
