extension Migration {
    /// Where a case was opened (issue 15): `channel` is `window` (every case so far: a called ticket or a walk-in) or
    /// `on-site`, opened by the team of an approved visit on its day, with `onsite_visit_id` naming the visit (null at
    /// a window). The index lists a visit's cases on its page.
    static let v037CaseChannels = Migration(version: 37, name: "case channels") { _ in
        [
            "ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'window'",
            "ALTER TABLE cases ADD COLUMN onsite_visit_id TEXT REFERENCES onsite_visits (id)",
            "CREATE INDEX cases_onsite_visit ON cases (onsite_visit_id, received_at) WHERE onsite_visit_id IS NOT NULL",
        ]
    }
}
