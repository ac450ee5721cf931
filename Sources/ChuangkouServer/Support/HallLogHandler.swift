import ChuangkouCore
import Foundation
import Logging

/// The server's log lines, in `StreamLogHandler`'s format, with two differences:
/// - personal numbers (ID card, mobile) are masked in the whole line, the free text of messages and errors included
///   (RULES §11: logs show no personal data);
/// - metadata is rendered only when a line is written. Hummingbird sets a request id on every request's logger, and
///   `StreamLogHandler` renders its metadata on each set: ≈ 2.5 % of the server's CPU under load, for lines that are
///   almost never written.
public struct HallLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = HallLogHandler.standardError) {
        self.label = label
        self.write = write
        metadataProvider = LoggingSystem.metadataProvider
    }

    /// One `write` per line, so lines of concurrent requests never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level) \(label):\(rendered.isEmpty ? "" : " " + rendered) [\(event.source)] \(event.message)\n"
        write(Masking.maskPersonalNumbers(in: line))
    }

    /// Local time to the second with its offset, as `StreamLogHandler` writes it.
    static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
