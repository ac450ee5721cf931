/// Failures of the store itself, as opposed to the hall's rules (those are Core's errors).
public enum StoreError: Error, Equatable, Sendable {
    /// A row could not be read back as the domain value it should be: data written by something else.
    case corruptRow(table: String, id: String)
    /// The hall has not been set up yet (no `hall` row).
    case hallNotConfigured
    /// A statement lost a race with other writers too many times in a row (it is safe to try again).
    case busy(table: String)
}
