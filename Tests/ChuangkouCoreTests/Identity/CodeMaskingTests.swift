import ChuangkouCore
import Testing

@Suite("Masking the codes in a citizen's message for staff screens")
struct CodeMaskingTests {
    @Test(
        "query, booking and one-time codes and a link's code are hidden; words, ticket numbers, dates and masked phones stay",
        arguments: [
            ("【市民中心】您的预约验证码为482913，5分钟内有效。", "【市民中心】您的预约验证码为******，5分钟内有效。"),
            ("查询码K7XM2PQR9TAB。", "查询码******。"),
            // A query code drawn without a digit is still a code: capitals after its first letter.
            ("查询码KXMPQRTABCDE", "查询码******"),
            ("请评价整改：http://127.0.0.1:8080/rate-fix/ab3dkmnpqrstuvwxyz2h", "请评价整改：http://127.0.0.1:8080/rate-fix/******"),
            // Twenty lower-case letters without a digit: long enough to be a code all the same.
            ("http://hall.example/rate-fix/abcdefghjkmnpqrstuvw", "http://hall.example/rate-fix/******"),
            ("Window 3, ticket A008, reminder for 2026-12-02 09:30", "Window 3, ticket A008, reminder for 2026-12-02 09:30"),
            ("手机138****5678，身份证110***********002X", "手机138****5678，身份证110***********002X"),
            ("Chuangkou Hall", "Chuangkou Hall"),
            ("", ""),
        ]
    )
    func masked(text: String, expected: String) {
        #expect(Masking.maskCodes(in: text) == expected)
    }
}
