import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Rotating the data key: every sealed field re-sealed in batches, old and new keys both open during the rotation,
/// a rotation stopped halfway finished by running it again, nothing unreadable at any point.
@Suite("Data key rotation")
struct DataKeyRotationTests {
    static func keyFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chuangkou-tests/keys-\(UUID().uuidString)/data-key").path
    }

    @Test("a sealed value names its key; a value from before key ids still opens; a ring opens under each of its keys")
    func keyIDs() throws {
        let old = DataSealer.newKeyText()
        let new = DataSealer.newKeyText()
        let before = try #require(DataSealer(base64: old))
        let sealed = try before.seal("11010519491231002X")
        #expect(sealed.hasPrefix("k\(before.sealingKeyID):"))
        #expect(DataSealer.keyID(of: sealed) == before.sealingKeyID)
        let ring = try #require(DataSealer(base64: "\(new),\(old)"))
        #expect(ring.keyIDs == [DataSealer(base64: new)!.sealingKeyID, before.sealingKeyID])
        #expect(try ring.open(sealed) == "11010519491231002X")
        let legacy = String(sealed.drop { $0 != ":" }.dropFirst())
        #expect(DataSealer.keyID(of: legacy) == nil)
        #expect(try ring.open(legacy) == "11010519491231002X", "values sealed before key ids open with whichever key authenticates them")
        #expect(DataSealer.keyID(of: try ring.seal("x")) == ring.sealingKeyID)
        #expect(throws: DataSealerError.unknownKey(ring.sealingKeyID)) { try before.open(try ring.seal("x")) }
        #expect(DataSealer(base64: "\(new),not-a-key") == nil)
    }

    @Test("rotate stopped after 2 batches: every case still opens (under the new key and the old), a rerun finishes, retire drops the old key")
    func rotationStoppedHalfway() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let path = Self.keyFile()
            let before = try DataSealer.loadOrCreate(keyFile: path)
            let oldID = before.sealingKeyID
            let calendar = try await Intake.calendar(db)
            let cases = CaseRepository(database: db, sealer: before, unitCode: "DHGA")
            var ids: [CaseID] = []
            for day in 2...8 {
                ids.append(try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: Intake.at("2026-03-0\(day)")).id)
            }
            let newID = try DataSealer.addSealingKey(toKeyFile: path)
            let after = try DataSealer.loadOrCreate(keyFile: path)
            #expect(after.sealingKeyID == newID)
            #expect(after.keyIDs == [newID, oldID])

            let rotation = DataKeyRotation(database: db, sealer: after)
            #expect(try await rotation.run(batchSize: 2, maxBatches: 2) == 4)
            #expect(try await rotation.census() == [newID: 4, oldID: 3])
            // Halfway: the new server reads everything, and so does one started before the rotation (it rereads the file).
            for sealer in [after, before] {
                let reader = CaseRepository(database: db, sealer: sealer, unitCode: "DHGA")
                for id in ids { #expect(try await reader.find(id)?.applicant == Intake.person) }
            }
            #expect(before.sealingKeyID == newID, "a server that loaded the file before the rotation seals under the new key once it has seen it")
            #expect(try await rotation.run(batchSize: 2) == 3)
            #expect(try await rotation.census() == [newID: 7])
            #expect(try DataSealer.retireKeys(inKeyFile: path, except: Set(try await rotation.census().keys)) == [oldID])
            let fresh = try DataSealer.loadOrCreate(keyFile: path)
            #expect(fresh.keyIDs == [newID])
            for id in ids { #expect(try await CaseRepository(database: db, sealer: fresh, unitCode: "DHGA").find(id)?.applicant == Intake.person) }
            let reseals = try await AuditLog(database: db).search(.init(action: "keys.reseal"))
            #expect(reseals.count == 4, "each batch is audited: 2 + 2 + 1 … in batches of 2")
        }
    }

    @Test("values changed between the read and the write of a batch are left for the next batch, not overwritten")
    func concurrentChangeWins() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let path = Self.keyFile()
            let before = try DataSealer.loadOrCreate(keyFile: path)
            let calendar = try await Intake.calendar(db)
            let cases = CaseRepository(database: db, sealer: before, unitCode: "DHGA")
            let id = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: Intake.at("2026-03-02")).id
            _ = try DataSealer.addSealingKey(toKeyFile: path)
            let after = try DataSealer.loadOrCreate(keyFile: path)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await DataKeyRotation(database: db, sealer: after).run(batchSize: 1) }
                group.addTask { _ = try await CaseRepository(database: db, sealer: after, unitCode: "DHGA").find(id) }
                try await group.waitForAll()
            }
            #expect(try await DataKeyRotation(database: db, sealer: after).census() == [after.sealingKeyID: 1])
            #expect(try await CaseRepository(database: db, sealer: after, unitCode: "DHGA").find(id)?.applicant == Intake.person)
        }
    }
}
