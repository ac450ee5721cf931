import ChuangkouCore

/// Tests write windows as numbers (`signIn(2, …)`); the product never does, so a number always enters checked.
extension WindowNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        guard let number = WindowNumber(value) else { preconditionFailure("window numbers are 1–999, not \(value)") }
        self = number
    }
}
