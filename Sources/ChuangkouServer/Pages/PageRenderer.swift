import ChuangkouCore
import Foundation
import Hummingbird
import Mustache

/// What every page controller shares: the templates, loaded once at start, and the hall every page names. A value,
/// so page controllers need no other controller.
struct PageRenderer: Sendable {
    let templates: MustacheLibrary
    let hall: Hall
    /// `chuangkou.public-url`: where citizens' phones reach the hall, for the links and QR codes on slips and documents.
    let publicURL: String?

    /// The frame every page is drawn in: the hall, the language (`?lang=` or the cookie), the title and the words.
    func frame(
        _ request: Request,
        _ context: AppRequestContext,
        _ title: (String, String),
        _ texts: [String: (String, String)]
    ) -> PageFrame {
        let language = Language.of(request)
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        return PageFrame(
            hall: hall,
            language: language,
            title: language.pick(title.0, title.1),
            texts: texts,
            query: query,
            csrfToken: context.csrfToken
        )
    }

    /// The page as HTML; a `?lang=` choice is remembered in a cookie.
    func render(_ template: String, _ model: Any, _ request: Request) throws -> Response {
        guard let html = templates.render(model, withTemplate: template) else {
            throw APIError.missingTemplate(template)
        }
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        if let lang = request.uri.queryParameters.get("lang") {
            response.setCookie(
                Cookie(name: "lang", value: lang.hasPrefix("en") ? "en" : "zh", maxAge: 31_536_000, path: "/", httpOnly: false, sameSite: .lax)
            )
        }
        return response
    }

    /// Sends a signed-out visitor to the sign-in form, which brings them back here afterwards.
    static func signIn(returningTo request: Request) -> Response {
        .redirect(to: "/console/login?\(QueryString.make([("next", request.uri.description)]))", type: .found)
    }

    /// A path on this server only (`/admin/guides`), never another site (`//evil.example`, `https://…`).
    static func localPath(_ text: String) -> String? { LocalRedirect.path(text) }

    /// Where citizens' phones reach this hall: the configured public URL, else the address this request came to.
    func publicBase(_ request: Request) -> String {
        Self.publicBase(configured: publicURL, authority: request.head.authority)
    }

    static func publicBase(configured: String?, authority: String?) -> String {
        if let configured { return configured }
        // The Host is the client's own word: only host[:port] characters are written into codes and links.
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-:[]"))
        guard let authority, !authority.isEmpty, authority.count <= 255, authority.unicodeScalars.allSatisfy(allowed.contains) else {
            return "http://127.0.0.1"
        }
        return "http://" + authority
    }
}
