import Foundation

/// How the applicant receives the result when they cannot (or prefer not to) come back.
public struct Delivery: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// 窗口领取 in person.
        case pickup
        /// 邮寄.
        case mail
        /// 委托他人代领.
        case proxy
    }

    public var method: Method
    /// For `mail`.
    public var address: String?
    /// For `proxy`.
    public var proxyName: String?
    public var proxyIDNumber: ResidentIDNumber?
    /// 行动不便: the hall calls or brings the result.
    public var mobilityImpaired: Bool

    public init(method: Method, address: String?, proxyName: String?, proxyIDNumber: ResidentIDNumber?, mobilityImpaired: Bool) {
        self.method = method
        self.address = address
        self.proxyName = proxyName
        self.proxyIDNumber = proxyIDNumber
        self.mobilityImpaired = mobilityImpaired
    }

    public var label: String {
        switch method {
        case .pickup: "窗口领取"
        case .mail: "邮寄送达"
        case .proxy: "委托代领"
        }
    }

    /// Refuses a delivery missing what its method needs: the address to mail to, the proxy's name and ID number.
    /// - Throws: `CaseError.deliveryIncomplete` naming the request field.
    public func check() throws(CaseError) {
        switch method {
        case .mail: guard CaseText.trimmed(address) != nil else { throw .deliveryIncomplete("address") }
        case .proxy:
            guard CaseText.trimmed(proxyName) != nil else { throw .deliveryIncomplete("proxyName") }
            guard proxyIDNumber != nil else { throw .deliveryIncomplete("proxyIdNumber") }
        case .pickup: break
        }
    }
}
