/// Where a sign-in may send the officer afterwards (`next=`): a path on this server, judged as a browser would read it.
///
/// Browsers drop tabs and newlines anywhere in a URL, read `\` as `/`, and treat a leading `//` as another host, so
/// `/\t/evil.example` and `/\evil.example` are off-site links. Anything a browser would rewrite is refused rather
/// than repaired; what is left must be a path-absolute reference (`/` then not `/`), which always stays on this origin.
enum LocalRedirect {
    static func path(_ text: String) -> String? {
        guard (1...512).contains(text.utf8.count), text.utf8.first == UInt8(ascii: "/") else { return nil }
        for byte in text.utf8 where byte < 0x21 || byte == 0x7f || byte == UInt8(ascii: "\\") {
            return nil
        }
        let second = text.utf8.dropFirst().first
        guard second != UInt8(ascii: "/") else { return nil }
        return text
    }
}
