import ChuangkouCore
import Foundation
import Testing

@Suite("Message templates and the delivery policy")
struct MessageTemplateTests {
    static let cases = MessageKind.allCases.flatMap { kind in MessageLanguage.allCases.map { (kind, $0) } }

    @Test("every shipped template passes its kind's check", arguments: cases)
    func shippedPass(kind: MessageKind, language: MessageLanguage) throws {
        let template = try MessageTemplate(kind: kind, language: language, body: kind.defaultTemplate(language))
        #expect(template.body.count <= MessageTemplate.maxLength)
    }

    @Test(
        "a template is refused with what to fix",
        arguments: [
            ("", MessageTemplateError.empty),
            ("您的投诉已答复：{reply}（{queryCode}）{phone}", .unknownPlaceholders(["phone"])),
            ("您的投诉已答复", .missingPlaceholders(["queryCode", "reply"])),
            ("{reply}{queryCode", .malformed(at: 17)),
            ("{reply}}{queryCode}", .malformed(at: 8)),
            ("{re ply}{queryCode}", .malformed(at: 4)),
            ("{}{reply}{queryCode}", .malformed(at: 2)),
            (String(repeating: "字", count: 301) + "{reply}{queryCode}", .tooLong(max: 300)),
        ]
    )
    func refused(body: String, error: MessageTemplateError) {
        #expect(throws: error) { try MessageTemplate(kind: .complaintAnswer, language: .chinese, body: body) }
        #expect(!error.message.isEmpty && !error.messageEnglish.isEmpty)
    }

    @Test("rendering fills every placeholder, prefers the language's own value and leaves a missing optional one empty")
    func render() throws {
        let zh = try MessageTemplate(kind: .caseResultReady, language: .chinese, body: "【{hall}】{business}{outcome}，查询码{queryCode}{delivery}")
        let en = try MessageTemplate(kind: .caseResultReady, language: .english, body: "{business}: {outcome}, code {queryCode}")
        let values = ["hall": "东湖", "business": "居住证", "outcome": "准予许可", "outcome@en": "granted", "queryCode": "ABC"]
        #expect(zh.render(values) == "【东湖】居住证准予许可，查询码ABC")
        #expect(en.render(values) == "居住证: granted, code ABC")
        #expect(!zh.render(values).contains("{"))
    }

    @Test("retries back off by doubling up to the longest wait, and stop after the last attempt")
    func backoff() {
        let policy = DeliveryPolicy(maxAttempts: 5, firstRetry: .seconds(30), longestRetry: .seconds(100))
        let now = Date(timeIntervalSince1970: 0)
        #expect(policy.retry(after: 1, at: now) == Date(timeIntervalSince1970: 30))
        #expect(policy.retry(after: 2, at: now) == Date(timeIntervalSince1970: 60))
        #expect(policy.retry(after: 3, at: now) == Date(timeIntervalSince1970: 100))
        #expect(policy.retry(after: 4, at: now) == Date(timeIntervalSince1970: 100))
        #expect(policy.retry(after: 5, at: now) == nil, "the fifth failure is final")
    }

    @Test("only a booking's one-time code ignores an opt-out")
    func essential() {
        #expect(MessageKind.allCases.filter(\.isEssential) == [.bookingCode])
    }
}
