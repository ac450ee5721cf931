extension Migration {
    /// Ratings (好差评) and the rectification of bad reviews (整改).
    ///
    /// - `ratings`: append-only. One per ticket (一次一评) and one per case (一事一评) by unique constraints, so two
    ///   ratings at once store one; a trigger refuses every UPDATE and DELETE, so no route, job or admin can alter one.
    ///   `rated_month` / `rated_day` are the hall-zone day of the rating, for the results.
    /// - `rating_contacts`: the rater's phone for the return visit, sealed, apart from the rating so that re-sealing
    ///   with a new key never touches the rating itself.
    /// - `rating_exclusions`: an upheld appeal takes a rating out of the statistics; the rating stays.
    /// - `rating_tallies`: counts per month, business, window (0 for a case rated online) and level, kept in the
    ///   same transaction as each rating and exclusion, so the public results never scan the ratings.
    /// - `rectifications`: the item is the JSON of Core's `Rectification`; stage, handler and the due date are copies
    ///   for listing and counting (the return-visit rate, the outcomes of a month); `alert` is what the watch last
    ///   announced.
    static let v017Evaluation = Migration(version: 17, name: "evaluation") { dialect in
        var statements = [
            """
            CREATE TABLE ratings (
                id TEXT PRIMARY KEY,
                ticket_id TEXT UNIQUE REFERENCES tickets (id),
                case_id TEXT UNIQUE REFERENCES cases (id),
                officer_badge TEXT,
                window_number INTEGER,
                business_code TEXT NOT NULL,
                served_at BIGINT NOT NULL,
                level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
                overall INTEGER CHECK (overall BETWEEN 1 AND 5),
                efficiency INTEGER CHECK (efficiency BETWEEN 1 AND 5),
                competence INTEGER CHECK (competence BETWEEN 1 AND 5),
                attitude INTEGER CHECK (attitude BETWEEN 1 AND 5),
                comment TEXT,
                channel TEXT NOT NULL,
                rated_at BIGINT NOT NULL,
                rated_month TEXT NOT NULL,
                rated_day TEXT NOT NULL,
                CHECK ((ticket_id IS NULL) <> (case_id IS NULL))
            )
            """,
            "CREATE INDEX ratings_officer ON ratings (officer_badge, rated_day)",
            """
            CREATE TABLE rating_contacts (
                rating_id TEXT PRIMARY KEY REFERENCES ratings (id),
                phone_sealed TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE rating_exclusions (
                rating_id TEXT PRIMARY KEY REFERENCES ratings (id),
                rectification_id TEXT NOT NULL,
                excluded_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE rating_tallies (
                month TEXT NOT NULL,
                business_code TEXT NOT NULL,
                window_number INTEGER NOT NULL,
                level INTEGER NOT NULL,
                counted BIGINT NOT NULL,
                excluded BIGINT NOT NULL,
                PRIMARY KEY (month, business_code, window_number, level)
            )
            """,
            """
            CREATE TABLE rectifications (
                id TEXT PRIMARY KEY,
                rating_id TEXT NOT NULL UNIQUE REFERENCES ratings (id),
                rated_officer TEXT,
                handler_badge TEXT NOT NULL,
                stage TEXT NOT NULL,
                rater_has_contact INTEGER NOT NULL,
                return_visit_done INTEGER NOT NULL,
                outcome TEXT,
                item TEXT NOT NULL,
                opened_on TEXT NOT NULL,
                close_due TEXT NOT NULL,
                alert TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX rectifications_open ON rectifications (stage, close_due)",
            """
            CREATE TABLE rectification_events (
                id \(dialect.serialPrimaryKey),
                rectification_id TEXT NOT NULL REFERENCES rectifications (id),
                code TEXT NOT NULL,
                label TEXT NOT NULL,
                label_english TEXT NOT NULL,
                by_badge TEXT,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX rectification_events_item ON rectification_events (rectification_id, id)",
        ]
        switch dialect {
        case .sqlite:
            statements += [
                "CREATE TRIGGER ratings_never_updated BEFORE UPDATE ON ratings BEGIN SELECT RAISE(ABORT, 'ratings are never changed'); END",
                "CREATE TRIGGER ratings_never_deleted BEFORE DELETE ON ratings BEGIN SELECT RAISE(ABORT, 'ratings are never deleted'); END",
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION ratings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'ratings are never changed or deleted'; END $$
                """,
                """
                CREATE TRIGGER ratings_append_only BEFORE UPDATE OR DELETE ON ratings
                FOR EACH ROW EXECUTE FUNCTION ratings_append_only()
                """,
            ]
        }
        return statements
    }
}
