import ChuangkouCore
import ChuangkouTestSupport
import Testing

@Suite("Windows")
struct WindowTests {
    let officer = Officer(badge: Fixture.officer, name: "王建国", role: .officer, post: "户政窗口民警")
    let other = Officer(badge: Fixture.other, name: "李秀英", role: .officer, post: "户政窗口民警")

    @Test("only the officer signed in to an open window may call to it")
    func mayCall() throws {
        var window = Window(number: 1, status: .closed, businesses: [Fixture.idCard], officer: nil)
        #expect(throws: QueueError.notSignedIn(window: 1)) { try window.checkMayCall(officer.badge) }
        try window.signIn(officer)
        try window.checkMayCall(officer.badge)
        #expect(throws: QueueError.notSignedIn(window: 1)) { try window.checkMayCall(other.badge) }
        try window.pause(officer.badge)
        #expect(throws: QueueError.windowPaused(1)) { try window.checkMayCall(officer.badge) }
        try window.resume(officer.badge)
        try window.signOut(officer.badge)
        #expect(window.status == .closed && window.officer == nil)
    }

    @Test("a window held by one officer cannot be taken by another; administrators do not work windows")
    func taken() throws {
        var window = Window(number: 2, status: .closed, businesses: [], officer: nil)
        try window.signIn(officer)
        #expect(throws: QueueError.windowTaken(window: 2, badge: "010231")) { try window.signIn(other) }
        try window.signIn(officer)  // signing in again is harmless
        var free = Window(number: 3, status: .closed, businesses: [], officer: nil)
        #expect(throws: QueueError.officerMayNotServe) {
            try free.signIn(Officer(badge: Badge("019900")!, name: "孙立", role: .admin, post: "系统管理员"))
        }
    }
}
